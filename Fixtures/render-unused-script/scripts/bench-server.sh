#!/bin/sh
# Load-test helper for a developer's machine; no deploy runs it.
export WEB_CONCURRENCY=8
exec gunicorn --workers 8 --bind 127.0.0.1:8000 shop.wsgi
