"""Getting a repository onto disk: a local folder, or a Git URL cloned safely.

Contract used by the pipeline (owned by the acquire stage):

    with acquire(source, ref=..., limits=..., access_token=..., url_policy=...) as checkout:
        checkout.root  # a folder to read; removed on exit when it was a temporary clone
"""

from __future__ import annotations

from codedoc.acquire.checkout import AcquireLimits, Checkout, acquire

__all__ = ["AcquireLimits", "Checkout", "acquire"]
