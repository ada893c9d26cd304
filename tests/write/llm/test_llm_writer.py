"""The LLM writer end to end against the fake provider: bottom-up order, cache, grounding, fallbacks."""

from __future__ import annotations

import threading
from pathlib import Path

from llm_fixtures import RecordedSleep, cart_module, sample_model, settings_for, with_cart

from codedoc.write.llm import LLMProse
from fakes.llm_server import FakeLLMServer, FakeReply, FakeRequest, default_responder


def task_of(request: FakeRequest) -> str:
    return request.prompt.split("\n", 1)[0]


_KINDS = (
    ("Summarise what this part", "part"),
    ("Summarise what the module", "module"),
    ("Summarise what the component", "component"),
    ("Write the overview", "overview"),
    ("Explain the architecture", "architecture"),
)


def kind_of(request: FakeRequest) -> str:
    return next(kind for prefix, kind in _KINDS if task_of(request).startswith(prefix))


def test_writes_modules_then_components_then_overview_and_architecture(server: FakeLLMServer) -> None:
    prose = LLMProse(settings_for(server.url, concurrency=1))
    model = sample_model()
    prose.prepare(model)
    kinds = [kind_of(request) for request in server.requests]
    assert kinds == ["module"] * 3 + ["component"] * 2 + ["overview", "architecture"]


def test_component_prompt_is_built_from_its_modules_summaries(server: FakeLLMServer) -> None:
    def responder(request: FakeRequest) -> FakeReply:
        if "module `shop/cart.py`" in task_of(request):
            return FakeReply.summary("Keeps the items a customer picked in a `Cart`.")
        return default_responder(request)

    server.responder = responder
    LLMProse(settings_for(server.url)).prepare(sample_model())
    component = next(r for r in server.requests if task_of(r).startswith("Summarise what the component `shop`"))
    assert "Keeps the items a customer picked in a `Cart`." in component.prompt


def test_summaries_are_answered_from_memory_after_prepare(server: FakeLLMServer) -> None:
    server.responder = lambda request: FakeReply.summary("The cart keeps line items.", ["`Cart.total` adds them."])
    model = sample_model()
    prose = LLMProse(settings_for(server.url))
    text = prose.module_summary(model.modules[0], model)
    calls = server.calls
    assert text == "The cart keeps line items.\n\n- `Cart.total` adds them."
    assert prose.component_summary(model.components[0], model) == text
    assert prose.overview(model) == text
    assert server.calls == calls


def test_test_modules_keep_the_offline_text(server: FakeLLMServer) -> None:
    model = sample_model()
    prose = LLMProse(settings_for(server.url))
    test_module = next(m for m in model.modules if m.path.startswith("tests/"))
    assert prose.module_summary(test_module, model) is None
    assert prose.component_summary(model.components[2], model) is None  # a folder of tests only
    assert not any("tests/test_cart.py`" in task_of(r) or "`tests`" in task_of(r) for r in server.requests)


def test_rerun_on_unchanged_model_makes_no_calls(server: FakeLLMServer, tmp_path: Path) -> None:
    settings = settings_for(server.url, cache_dir=tmp_path / "cache")
    model = sample_model()
    first = LLMProse(settings)
    first.prepare(model)
    assert server.calls == 7
    server.reset_counts()
    second = LLMProse(settings)
    second.prepare(sample_model())
    assert server.calls == 0
    assert second.usage().cache_hits == 7
    assert second.overview(model) == first.overview(model)


def test_one_file_change_redoes_only_its_module_component_overview_and_architecture(
    server: FakeLLMServer, tmp_path: Path
) -> None:
    settings = settings_for(server.url, cache_dir=tmp_path / "cache")
    model = sample_model()
    LLMProse(settings).prepare(model)
    server.reset_counts()
    changed = LLMProse(settings)
    changed.prepare(with_cart(model, cart_module(extra_method=True)))
    sent = {record.subject for record in changed.report().calls if not record.cache_hit}
    assert sent == {"module shop/cart.py", "component shop", "overview", "architecture"}
    assert server.calls == 4


def test_usage_matches_what_the_provider_counted(server: FakeLLMServer) -> None:
    prose = LLMProse(settings_for(server.url))
    prose.prepare(sample_model())
    usage = prose.usage()
    assert usage.calls == server.calls == 7
    assert usage.input_tokens == server.input_tokens
    assert usage.output_tokens == server.output_tokens
    assert usage.cost_usd > 0


def test_invented_function_name_is_dropped_and_counted(server: FakeLLMServer) -> None:
    server.responder = lambda request: FakeReply.summary(
        "The cart is kept in a `Cart`. It is emptied by `frobnicate_cart` at night."
    )
    model = sample_model()
    prose = LLMProse(settings_for(server.url))
    text = prose.module_summary(model.modules[0], model)
    assert text == "The cart is kept in a `Cart`."
    report = prose.report()
    assert "module shop/cart.py: frobnicate_cart" in report.removed_names
    assert all("frobnicate" not in r.prompt for r in server.requests)  # never fed to the next level


def test_answer_with_only_invented_names_falls_back(server: FakeLLMServer) -> None:
    server.responder = lambda request: FakeReply.summary("Everything happens in `do_magic()`.")
    model = sample_model()
    prose = LLMProse(settings_for(server.url))
    assert prose.overview(model) is None
    reasons = {f.subject: f.reason for f in prose.report().fallbacks}
    assert "named code that does not exist" in reasons["overview"]


def test_failed_page_falls_back_and_the_rest_are_written(server: FakeLLMServer, sleep: RecordedSleep) -> None:
    def responder(request: FakeRequest) -> FakeReply:
        if "module `shop/payments.py`" in task_of(request):
            return FakeReply.server_error()
        return default_responder(request)

    server.responder = responder
    model = sample_model()
    prose = LLMProse(settings_for(server.url, max_attempts=3), sleep=sleep)
    payments = next(m for m in model.modules if m.path == "shop/payments.py")
    assert prose.module_summary(payments, model) is None
    assert prose.module_summary(model.modules[0], model) is not None
    assert prose.overview(model) is not None
    (fallback,) = prose.report().fallbacks
    assert fallback.subject == "module shop/payments.py"
    assert "HTTP 500" in fallback.reason and "3 attempts" in fallback.reason
    assert len(sleep.waits) == 2


def test_timeouts_fall_back(server: FakeLLMServer, sleep: RecordedSleep) -> None:
    server.script(FakeReply(delay=30), FakeReply(delay=30))
    model = sample_model()
    prose = LLMProse(settings_for(server.url, concurrency=1, max_attempts=2, timeout=1.0), sleep=sleep)
    assert prose.module_summary(model.modules[0], model) is None
    assert "timed out" in prose.report().fallbacks[0].reason
    assert prose.module_summary(model.modules[1], model) is not None


def test_rate_limit_is_waited_out_as_retry_after_says(server: FakeLLMServer, sleep: RecordedSleep) -> None:
    server.script(FakeReply.rate_limited("7"))
    model = sample_model()
    prose = LLMProse(settings_for(server.url, concurrency=1), sleep=sleep)
    assert prose.module_summary(model.modules[0], model) is not None
    assert sleep.waits == [7.0]
    assert prose.report().fallbacks == ()


def test_malformed_json_is_asked_again_once(server: FakeLLMServer) -> None:
    server.script(FakeReply(text='{"summary": ["the cart"]}'), FakeReply.summary("The cart, fixed."))
    model = sample_model()
    prose = LLMProse(settings_for(server.url, concurrency=1))
    assert prose.module_summary(model.modules[0], model) == "The cart, fixed."
    assert 'could not be used: the JSON object has no non-empty "summary"' in server.requests[1].prompt


def test_malformed_json_twice_falls_back_without_failing(server: FakeLLMServer) -> None:
    server.script(FakeReply(text='{"summary": "unfinished'), FakeReply(text='{"summary": [1, 2'))
    model = sample_model()
    prose = LLMProse(settings_for(server.url, concurrency=1))
    assert prose.module_summary(model.modules[0], model) is None
    assert prose.overview(model) is not None
    assert prose.report().fallbacks[0].reason.startswith("unusable answer twice")


def test_token_budget_sends_what_fits_and_says_which_pages_fell_back(server: FakeLLMServer) -> None:
    model = sample_model()
    unlimited = LLMProse(settings_for(server.url))
    unlimited.prepare(model)
    per_module = max(r.input_tokens + 700 for r in unlimited.report().calls if r.subject.startswith("module "))
    server.reset_counts()
    prose = LLMProse(settings_for(server.url, max_tokens=2 * per_module + 100))
    prose.prepare(model)
    fallbacks = prose.report().fallbacks
    assert server.calls < 7
    assert "module api/server.py" in {f.subject for f in fallbacks}  # the third module's reservation did not fit
    assert all("token budget" in f.reason for f in fallbacks)
    assert prose.usage().total_tokens <= 2 * per_module + 100


def test_refused_key_stops_all_further_calls(server: FakeLLMServer) -> None:
    server.responder = lambda request: FakeReply(status=401)
    prose = LLMProse(settings_for(server.url, concurrency=1))
    prose.prepare(sample_model())
    assert server.calls == 1
    reasons = [f.reason for f in prose.report().fallbacks]
    assert len(reasons) == 7
    assert all("API key was refused" in reason for reason in reasons)


def test_openai_compatible_server_writes_prose(server: FakeLLMServer) -> None:
    server.responder = lambda request: FakeReply.summary("Serves the cart over HTTP with `create_app`.")
    model = sample_model()
    prose = LLMProse(settings_for(server.url, provider="openai-compatible"))
    assert prose.overview(model) == "Serves the cart over HTTP with `create_app`."
    assert {r.protocol for r in server.requests} == {"openai"}
    assert {r.model for r in server.requests} == {"local-model"}


def test_cheap_model_for_modules_and_strong_model_for_overview(server: FakeLLMServer) -> None:
    LLMProse(settings_for(server.url)).prepare(sample_model())
    models = {(kind_of(r), r.model) for r in server.requests}
    assert models == {
        ("module", "claude-haiku-4-5"),
        ("component", "claude-haiku-4-5"),
        ("overview", "claude-sonnet-4-5"),
        ("architecture", "claude-sonnet-4-5"),
    }


def test_calls_in_flight_never_exceed_the_concurrency_limit(server: FakeLLMServer) -> None:
    crowd = threading.Event()

    def responder(request: FakeRequest) -> FakeReply:
        # Hold each answer until a third request arrives (which a working limit of 2 never allows),
        # or briefly; a broken limit shows up as max_in_flight of 3.
        if server.in_flight >= 3:
            crowd.set()
        crowd.wait(0.3)
        return default_responder(request)

    server.responder = responder
    LLMProse(settings_for(server.url, concurrency=2)).prepare(sample_model())
    assert server.calls == 7
    assert server.max_in_flight <= 2


def test_router_sends_each_kind_of_call_to_its_tier_and_overrides_win(server: FakeLLMServer) -> None:
    settings = settings_for(server.url, tiers={"summary": "strong", "page": "my-page-model"})
    prose = LLMProse(settings)
    prose.prepare(sample_model())
    models = {(kind_of(r), r.model) for r in server.requests}
    assert ("module", "claude-sonnet-4-5") in models
    assert ("overview", "my-page-model") in models
    by_kind = prose.report().summary()["by_kind"]
    assert isinstance(by_kind, dict) and by_kind["summary"]["calls"] == 5 and by_kind["page"]["calls"] == 2
