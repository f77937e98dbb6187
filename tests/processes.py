"""Run a function in several real server-like processes at once, each with its own database
connection, as gunicorn's workers would (for tests of what all workers share)."""

import multiprocessing
import traceback

from django.db import connection, connections


def _fresh_connections():
    """New connection objects for the child. What it inherited may be open and is shared with
    the parent (a connection the parent made in another context, e.g. under Playwright's event
    loop, that its ``close_all`` did not reach): using or closing it in the child would mix up
    both processes' results or end the parent's session, so the child leaves it alone."""
    for alias in connections:
        connections[alias] = connections.create_connection(alias)


def _child(function, args, barrier, results):
    _fresh_connections()
    try:
        barrier.wait(30)
        results.put(("ok", function(*args)))
    except BaseException:  # report it to the test, whatever it is
        results.put(("error", traceback.format_exc()))
    finally:
        connections.close_all()


def in_processes(function, args_per_process, timeout=120):
    """Call ``function(*args)`` in one forked process per item of ``args_per_process``, all
    starting together; their results, in no particular order. The database must hold committed
    rows only: a child sees nothing of the test's open transaction."""
    if connection.in_atomic_block:
        raise RuntimeError("in_processes needs committed rows: use no transaction (no db mark)")
    context = multiprocessing.get_context("fork")
    connections.close_all()  # the children open their own connections
    barrier = context.Barrier(len(args_per_process))
    results = context.Queue()
    processes = [
        context.Process(target=_child, args=(function, args, barrier, results))
        for args in args_per_process
    ]
    for process in processes:
        process.start()
    answers = [results.get(timeout=timeout) for _ in processes]
    for process in processes:
        process.join(timeout)
    errors = [text for kind, text in answers if kind == "error"]
    assert not errors, "\n".join(errors)
    return [value for _, value in answers]
