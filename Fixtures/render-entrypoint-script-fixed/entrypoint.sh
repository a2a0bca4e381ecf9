#!/bin/sh
# Apply migrations, then hand the container over to gunicorn.
set -e
python manage.py migrate --noinput
exec gunicorn --workers 1 --bind "0.0.0.0:${PORT:-8000}" shop.wsgi
