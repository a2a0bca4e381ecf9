import os

from celery import Celery

celery = Celery("tasks", broker=os.environ["CELERY_BROKER_URL"])


@celery.task
def generate_book(prompt):
    # Text, then one illustration per chapter, then the PDF: 300-400 MB
    # while it runs, as seed 001 measured.
    from book import render_pdf

    return render_pdf(prompt)
