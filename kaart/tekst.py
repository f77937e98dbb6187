"""Small text helpers of the kaart, for models, views and template tags alike."""


def nl_opsomming(items) -> str:
    """'a', 'a en b', 'a, b en c': a list the way it is said in Dutch."""
    items = [str(item) for item in items if str(item)]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"
