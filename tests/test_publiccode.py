"""publiccode.yml (the Standard for Public Code's description of this software, as
developer.overheid.nl reads it) is valid, and the licence it names is the one in LICENSE.

No validator of the standard is available from the registries this project uses (the Go
proxy does not serve publiccode-parser-go), so ``tests/data/publiccode-0.4.schema.json``
holds its required keys, types and vocabularies as a JSON Schema, checked here with
jsonschema's format checker.
"""

import json
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((Path(__file__).parent / "data/publiccode-0.4.schema.json").read_text())


def errors(document) -> list[str]:
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]


def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_publiccode_yml_is_valid():
    Draft202012Validator.check_schema(SCHEMA)
    assert errors(publiccode()) == []


def test_the_schema_refuses_what_the_standard_refuses():
    good = publiccode()
    broken = [
        {k: v for k, v in good.items() if k != "legal"},
        {**good, "developmentStatus": "af"},
        {**good, "categories": ["eenzaamheid"]},
        {**good, "releaseDate": "2 december 2026"},
        {**good, "maintenance": {"type": "internal"}},
        {**good, "description": {"nl": {**good["description"]["nl"], "longDescription": "Kort."}}},
        {**good, "onbekendVeld": 1},
    ]
    for document in broken:
        assert errors(document), document


def test_the_licence_is_eupl_and_in_the_repository():
    assert publiccode()["legal"]["license"] == "EUPL-1.2"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in text and "Compatible Licences" in text
