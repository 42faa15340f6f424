"""Put on PYTHONPATH of a ``disclint survey run`` to make its workers hang on one document:
every Python process of the run (the command, the forkserver, the pool workers) imports this at
start-up. With ``DISCLINT_TEST_BLOCK_AT=NAME``, the worker that gets the document NAME never
returns from it, so a test can be certain the run is still going (a kill happens mid-run)
whatever the machine's speed."""

import os

_NAME = os.environ.get("DISCLINT_TEST_BLOCK_AT")

if _NAME:
    import time

    from disclint.survey import worker

    _process = worker.process

    def process(task, options):
        if os.path.basename(task["path"]) == _NAME:
            while True:
                time.sleep(60)
        return _process(task, options)

    process.__module__, process.__qualname__ = worker.__name__, "process"
    worker.process = process
