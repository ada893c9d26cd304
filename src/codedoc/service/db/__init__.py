"""The job database: models, engine and migrations."""

from codedoc.service.db.engine import SessionFactory, create_db_engine, create_session_factory
from codedoc.service.db.migrate import upgrade
from codedoc.service.db.models import ACTIVE_STATUSES, Base, Job, JobStatus

__all__ = [
    "ACTIVE_STATUSES",
    "Base",
    "Job",
    "JobStatus",
    "SessionFactory",
    "create_db_engine",
    "create_session_factory",
    "upgrade",
]
