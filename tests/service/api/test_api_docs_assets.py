"""/docs and /redoc load only the service's own assets, so the API's documentation works air-gapped."""

from __future__ import annotations

import re

import pytest
from service_http import Service


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_documentation_loads_nothing_from_other_origins(service: Service, page: str) -> None:
    html = service.client.get(page).text
    references = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    references += re.findall(r"""url:\s*['"]([^'"]+)['"]""", html)
    assert references, html
    assert not [reference for reference in references if "//" in reference], references
    assert "cdn" not in html.lower() and "fonts.googleapis" not in html
    for reference in references:
        response = service.client.get(reference)
        assert response.status_code == 200, reference
        assert len(response.content) > 0


def test_swagger_ui_oauth_redirect_page_is_served(service: Service) -> None:
    assert service.client.get("/docs/oauth2-redirect").status_code == 200


def test_swagger_ui_never_calls_the_online_validator(service: Service) -> None:
    assert '"validatorUrl": null' in service.client.get("/docs").text
