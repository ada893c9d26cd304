"""The offline writer's promise: on every factory model, nothing it writes fails verification."""

from __future__ import annotations

import pytest

from codedoc.write.offline import write_site
from codedoc.write.plan import plan_site
from codedoc.write.verify import verify_pages
from write.factories import FACTORIES


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_offline_site_has_no_broken_link_and_no_unresolved_name(name: str) -> None:
    model = FACTORIES[name]()
    pages = write_site(plan_site(model), model)
    verified, verification = verify_pages(pages, model)
    assert verification.broken_source_links == 0
    assert verification.unresolved_code_spans == 0
    assert verification.removed == ()
    assert verification.source_links > 0
    assert verification.code_spans > 0
    assert verified == pages
