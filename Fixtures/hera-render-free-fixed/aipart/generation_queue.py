import queue
import threading

from payment import generate_book

jobs: "queue.Queue[dict]" = queue.Queue()


def add_to_queue(session: dict) -> None:
    jobs.put(session)


def _worker() -> None:
    while True:
        generate_book(jobs.get())
        jobs.task_done()


def start_queue_worker() -> None:
    threading.Thread(target=_worker, daemon=True).start()
