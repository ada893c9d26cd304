"""The service: REST API, durable jobs with live progress, artifact storage.

settings.py   every setting (env vars, .env)          context.py  wiring built from the settings
api/          FastAPI app, routers, deps, middleware    worker.py   Huey consumer + sweeper
jobs/         state machine, runner, lease, sweeper     queue.py    Huey on SQLite or Redis
db/           models and Alembic migrations             storage/    local folder or S3
"""
