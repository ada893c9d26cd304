"""The LLM writer: a `ProseSource` (and `ConceptSource`) that writes bottom-up, like a person
reading a codebase.

`prepare(model)` runs every call level by level — modules (big ones in parts) and the wiki plan
(from the outline), then components from their modules' summaries, then the overview, the
architecture and the concept pages (from their files' facts, code and module summaries) — with a
concurrency limit, the answer cache, the token budget and retries. The `ProseSource` and
`ConceptSource` methods then answer from memory. Any page whose call fails, is unusable twice,
is ungrounded or does not fit the budget gets None (the offline writer's text) and a line in the
report; a plan that cannot be used is replaced by one built from the components.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from codedoc.model import CodeModel, Component, FileCategory, Module
from codedoc.write.llm.accounting import CallRecord, Fallback, LLMReport, total_usage
from codedoc.write.llm.answers import Answer, AnswerError
from codedoc.write.llm.budget import TokenBudget
from codedoc.write.llm.cache import AnswerCache, cache_key
from codedoc.write.llm.calls import RAW_KINDS, Outcome, accept, fit_pages, request_for
from codedoc.write.llm.excerpts import read_excerpts
from codedoc.write.llm.grounding import KnownNames, ground
from codedoc.write.llm.outline import Outline, build_outline
from codedoc.write.llm.page_answer import build_page
from codedoc.write.llm.pricing import Usage, cost, estimate_tokens
from codedoc.write.llm.prompt_facts import stand_in_summary
from codedoc.write.llm.prompts import (
    PROMPT_VERSION,
    REASK,
    CallKind,
    ModulePlan,
    Prompt,
    Redactor,
    architecture_prompt,
    component_prompt,
    module_from_parts,
    overview_prompt,
    plan_module,
    role_of,
)
from codedoc.write.llm.providers import ChatAnswer, ChatRequest, Provider, make_provider
from codedoc.write.llm.redact import redact
from codedoc.write.llm.retry import RetryPolicy, Sleep, call_with_retries, provider_slots
from codedoc.write.llm.settings import LLMSettings
from codedoc.write.llm.wiki_plan import WikiPlan, deterministic_plan, parse_plan, validate_plan
from codedoc.write.llm.wiki_prompts import page_prompts, plan_prompt
from codedoc.write.pages import ConceptPage

logger = logging.getLogger(__name__)

# Errors after which no further call can succeed: stop sending instead of failing every page.
_FATAL_STATUSES = frozenset({401, 403, 404})

WriterProgress = Callable[[float, str], None]


class LLMProse:
    """Prose from an LLM provider. Construct with settings; tests may pass a provider and a sleep."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        provider: Provider | None = None,
        sleep: Sleep = time.sleep,
        redactor: Redactor = redact,
        progress: WriterProgress | None = None,
        dry_run: bool = False,
    ) -> None:
        self.settings = settings
        self.dry_run = dry_run
        """Estimate only: `provider` stands in for the real one and nothing is written to the cache."""
        self._provider = provider
        self._sleep = sleep
        self._redactor = redactor
        self._progress = progress
        self._cache = AnswerCache(settings.cache_dir) if settings.cache_dir is not None else None
        self._budget = TokenBudget(settings.max_tokens)
        self._policy = RetryPolicy(max_attempts=settings.max_attempts, max_backoff=settings.max_backoff)
        self._slots = provider_slots(settings.provider, settings.base_url, settings.concurrency)
        self._lock = threading.Lock()
        self._prepare_lock = threading.Lock()
        self._prepared: CodeModel | None = None
        self._records: list[CallRecord] = []
        self._fallbacks: list[Fallback] = []
        self._removed: list[str] = []
        self._secrets = 0
        self._stopped: str | None = None
        self._parts: dict[str, str] = {}
        """Part summaries of big modules, by prompt label, until the module's own call uses them."""
        self._modules: dict[str, Answer] = {}
        self._components: dict[str, Answer] = {}
        self._overview: Answer | None = None
        self._architecture: Answer | None = None
        self._done = 0
        self._total = 0
        self._known: KnownNames | None = None
        self._wiki: WikiPlan | None = None
        self._outline: Outline | None = None
        self._pages: dict[str, str] = {}
        """Concept page bodies by slug."""

    # -- ConceptSource -----------------------------------------------------------------------

    def concept_pages(self, model: CodeModel) -> Sequence[ConceptPage]:
        """The wiki's concept pages for `model`, in reading order (runs every call first)."""
        self.prepare(model)
        return self._wiki.pages if self._wiki else ()

    def concept_page(self, slug: str, model: CodeModel) -> str | None:
        self.prepare(model)
        return self._pages.get(slug)

    # -- ProseSource -------------------------------------------------------------------------

    def module_summary(self, module: Module, model: CodeModel) -> str | None:
        self.prepare(model)
        answer = self._modules.get(module.path)
        return answer.render() if answer else None

    def component_summary(self, component: Component, model: CodeModel) -> str | None:
        self.prepare(model)
        answer = self._components.get(component.name)
        return answer.render() if answer else None

    def overview(self, model: CodeModel) -> str | None:
        self.prepare(model)
        return self._overview.render() if self._overview else None

    def architecture(self, model: CodeModel) -> str | None:
        self.prepare(model)
        return self._architecture.render() if self._architecture else None

    # -- accounting ----------------------------------------------------------------------------

    def usage(self) -> Usage:
        """Calls and tokens so far (across `prepare` runs); safe to read from another thread."""
        with self._lock:
            records = list(self._records)
        return total_usage(records)

    def report(self) -> LLMReport:
        with self._lock:
            return LLMReport(
                provider=self.settings.provider,
                usage=total_usage(self._records),
                calls=tuple(self._records),
                fallbacks=tuple(self._fallbacks),
                removed_names=tuple(self._removed),
                secrets_redacted=self._secrets,
                max_tokens=self.settings.max_tokens,
                pages=tuple(page.title for page in self._wiki.pages) if self._wiki else (),
                plan_repairs=self._wiki.dropped if self._wiki else (),
                plan_from_model=bool(self._wiki and self._wiki.from_model),
            )

    # -- the bottom-up run ---------------------------------------------------------------------

    def prepare(self, model: CodeModel) -> None:
        """Write every summary for `model` (once per model object); never raises for provider trouble."""
        with self._prepare_lock:
            if self._prepared is model:
                return
            self._prepared = model
            self._parts, self._modules, self._components = {}, {}, {}
            self._overview = self._architecture = None
            self._wiki, self._pages = None, {}
            self._done = 0
            with self._lock:
                self._fallbacks = []
            try:
                self._run(model)
            except Exception as error:  # a bug here must cost the job its LLM prose, not the job itself
                logger.exception("the LLM writer failed; using the offline text everywhere")
                self._fallback("all LLM prose", f"internal error ({type(error).__name__}: {error})")
                self._modules, self._components = {}, {}
                self._overview = self._architecture = None

    def _run(self, model: CodeModel) -> None:
        known = self._known = KnownNames(model)
        modules = documented_modules(model)
        budget = self.settings.input_budget
        plans = [
            plan_module(
                module,
                model,
                budget_tokens=budget,
                redactor=self._redactor,
                excerpts=read_excerpts(self.settings.source_root, module),
            )
            for module in modules
        ]
        self._total = sum(len(plan.parts) + 1 for plan in plans) + len(model.components) + 2
        first = [prompt for plan in plans for prompt in ((plan.single,) if plan.single else plan.parts)]
        if self.settings.wiki:
            self._outline = build_outline(model)
            first.append(plan_prompt(self._outline, max_pages=self._max_pages(), redactor=self._redactor))
        self._level(first, known)  # whole modules, parts of big ones, and the wiki plan
        self._level([prompt for plan in plans if (prompt := self._from_parts(plan, model))], known)
        by_path = {module.path: module for module in modules}
        components = documented_components(model, by_path)
        component_prompts = [
            component_prompt(
                component,
                [(path, self._module_text(by_path[path])) for path in component.modules if path in by_path],
                budget_tokens=budget,
                redactor=self._redactor,
            )
            for component in components
        ]
        self._level(component_prompts, known)
        texts = [(component, self._component_text(component)) for component in model.components]
        last = [
            overview_prompt(model, texts, budget_tokens=budget, redactor=self._redactor),
            architecture_prompt(model, texts, budget_tokens=budget, redactor=self._redactor),
        ]
        self._level(last + self._page_prompts(model, reserved_for=last), known)

    def _max_pages(self) -> int:
        return self._outline.max_pages() if self._outline else 0

    def _page_prompts(self, model: CodeModel, *, reserved_for: Sequence[Prompt]) -> list[Prompt]:
        """The concept pages' prompts, planned to fit the token budget: shorter pages first, then fewer."""
        if self._wiki is None:
            return []
        summaries = {path: answer.summary for path, answer in self._modules.items()}

        def excerpts(module: Module) -> str:
            return read_excerpts(self.settings.source_root, module)

        pages, prompts = fit_pages(
            list(self._wiki.pages),
            lambda chosen, budget: page_prompts(
                chosen, model, summaries=summaries, excerpts=excerpts, budget_tokens=budget, redactor=self._redactor
            ),
            room=self._budget.remaining(),
            fixed=sum(self._reserve_for(prompt) for prompt in reserved_for),
            input_budget=self.settings.input_budget,
            reserve=self._reserve_for,
        )
        if len(pages) < len(self._wiki.pages):
            left_out = self._wiki.pages[len(pages) :]
            for page in left_out:
                self._fallback(
                    f"page {page.title}", f"left out to stay within --max-tokens {self.settings.max_tokens:,}"
                )
            self._wiki = WikiPlan(tuple(pages), self._wiki.from_model, self._wiki.dropped)
        self._total += len(prompts)
        return prompts

    def _reserve_for(self, prompt: Prompt) -> int:
        return estimate_tokens(prompt.system + prompt.user) + self.settings.max_output_tokens_for(prompt.kind)

    def _from_parts(self, plan: ModulePlan, model: CodeModel) -> Prompt | None:
        if plan.single is not None:
            return None
        texts = [self._parts.pop(prompt.label, None) for prompt in plan.parts]
        if not any(texts):
            self._fallback(f"module {plan.module.path}", "no part of it could be summarised")
            return None
        return module_from_parts(
            plan.module,
            model,
            [text or "(no summary)" for text in texts],
            budget_tokens=self.settings.input_budget,
            redactor=self._redactor,
        )

    def _module_text(self, module: Module) -> str:
        answer = self._modules.get(module.path)
        return answer.summary if answer else stand_in_summary(module)

    def _component_text(self, component: Component) -> str:
        answer = self._components.get(component.name)
        if answer:
            return answer.summary
        return component.docstring.strip().split("\n\n")[0] if component.docstring else "no summary"

    def _store(self, prompt: Prompt, answer: Answer) -> None:
        if prompt.kind is CallKind.MODULE_PART:
            self._parts[prompt.label] = answer.summary
        elif prompt.kind is CallKind.MODULE:
            self._modules[prompt.subject] = answer
        elif prompt.kind is CallKind.COMPONENT:
            self._components[prompt.subject] = answer
        elif prompt.kind is CallKind.OVERVIEW:
            self._overview = answer
        else:
            self._architecture = answer

    def _level(self, prompts: Sequence[Prompt], known: KnownNames) -> None:
        """Answer one level's prompts: cache first, then budget reservations in order, then calls."""
        outcomes: dict[int, Outcome] = {}
        pending: list[tuple[int, str, str, int]] = []
        for index, prompt in enumerate(prompts):
            with self._lock:
                self._secrets += prompt.secrets_redacted
            model_name = self.settings.model_for(role_of(prompt.kind))
            key = cache_key(
                provider=self.settings.provider,
                model=model_name,
                prompt_version=PROMPT_VERSION,
                system=prompt.system,
                user=prompt.user,
                max_output_tokens=self.settings.max_output_tokens_for(prompt.kind),
            )
            cached = self._cached(prompt, key)
            if cached is not None:
                self._record(CallRecord(prompt.label, prompt.kind, model_name, cache_hit=True))
                outcomes[index] = cached
                continue
            reserve = self._reserve_for(prompt)
            if self._stopped is not None:
                outcomes[index] = Outcome(None, f"not sent: {self._stopped}")
            elif not self._budget.reserve(reserve):
                outcomes[index] = Outcome(None, f"token budget reached (--max-tokens {self.settings.max_tokens:,})")
            else:
                pending.append((index, key, model_name, reserve))
        if pending:
            with ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency)) as pool:
                futures = {
                    index: pool.submit(self._ask, prompts[index], key, model_name, reserve)
                    for index, key, model_name, reserve in pending
                }
                for index, future in futures.items():
                    outcomes[index] = future.result()
        for index, prompt in enumerate(prompts):
            self._finish(prompt, outcomes[index], known)

    def _cached(self, prompt: Prompt, key: str) -> Outcome | None:
        if self._cache is None:
            return None
        if prompt.kind in RAW_KINDS:
            raw = self._cache.get_raw(key)
            return Outcome(None, raw=raw) if raw is not None else None
        answer = self._cache.get(key)
        return Outcome(answer) if answer is not None else None

    def _finish(self, prompt: Prompt, outcome: Outcome, known: KnownNames) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(min(1.0, self._done / max(1, self._total)), f"LLM: {prompt.label}")
        if prompt.kind is CallKind.PLAN:
            self._finish_plan(prompt, outcome)
            return
        if prompt.kind is CallKind.PAGE:
            self._finish_page(prompt, outcome, known)
            return
        if outcome.answer is None:
            self._fallback(prompt.label, outcome.reason)
            return
        summary = ground(outcome.answer.summary, known)
        points = [ground(point, known) for point in outcome.answer.key_points]
        removed = [*summary.removed, *(name for point in points for name in point.removed)]
        with self._lock:
            self._removed += [f"{prompt.label}: {name}" for name in removed]
        if not summary.text:
            self._fallback(prompt.label, "every sentence of the answer named code that does not exist")
            return
        self._store(prompt, Answer(summary.text, tuple(point.text for point in points if point.text)))

    def _finish_plan(self, prompt: Prompt, outcome: Outcome) -> None:
        outline = self._outline
        if outline is None:
            return
        if outcome.raw is not None:
            try:
                proposals = parse_plan(outcome.raw)
            except AnswerError as error:  # a damaged cache entry: plan from the components
                outcome = Outcome(None, str(error))
            else:
                plan = validate_plan(proposals, self._prepared_model(), outline, max_pages=self._max_pages())
                self._wiki = self._grounded_purposes(prompt, plan)
                return
        self._wiki = deterministic_plan(outline)
        if not self.dry_run:
            self._fallback(prompt.label, f"{outcome.reason}; the wiki is planned from the components instead")

    def _grounded_purposes(self, prompt: Prompt, plan: WikiPlan) -> WikiPlan:
        """A page's purpose is printed on it: it names no code that does not exist either."""
        known = self._known_names()
        pages = []
        for page in plan.pages:
            grounded = ground(page.purpose, known)
            with self._lock:
                self._removed += [f"{prompt.label}: {name}" for name in grounded.removed]
            pages.append(dataclasses.replace(page, purpose=grounded.text))
        return dataclasses.replace(plan, pages=tuple(pages))

    def _finish_page(self, prompt: Prompt, outcome: Outcome, known: KnownNames) -> None:
        if outcome.raw is None:
            self._fallback(prompt.label, outcome.reason)
            return
        try:
            page = build_page(outcome.raw, prompt.user, known)
        except AnswerError as error:  # a damaged cache entry
            self._fallback(prompt.label, str(error))
            return
        with self._lock:
            self._removed += [f"{prompt.label}: {name}" for name in page.removed]
        self._pages[prompt.subject] = page.markdown

    def _known_names(self) -> KnownNames:
        assert self._known is not None  # only called from inside `prepare`
        return self._known

    def _prepared_model(self) -> CodeModel:
        assert self._prepared is not None  # only called from inside `prepare`
        return self._prepared

    def _ask(self, prompt: Prompt, key: str, model_name: str, reserved: int) -> Outcome:
        """One call in a worker thread: send, validate, re-ask once, cache what was usable."""
        request = request_for(prompt, model_name, self.settings)
        answer, reason = self._send(prompt, request, reserved)
        if answer is None:
            return Outcome(None, reason)
        try:
            outcome = accept(prompt, answer.text, self._known_names())
        except AnswerError as error:
            if self.dry_run:
                return Outcome(None, f"unusable answer ({error})")
            retry = replace(request, user=f"{prompt.user}\n\n{REASK.format(error=error)}")
            again = estimate_tokens(retry.system + retry.user) + retry.max_output_tokens
            if not self._budget.reserve(again):
                return Outcome(None, f"unusable answer ({error}); no token budget left to ask again")
            second, reason = self._send(prompt, retry, again)
            if second is None:
                return Outcome(None, reason)
            try:
                outcome = accept(prompt, second.text, self._known_names())
            except AnswerError as second_error:
                return Outcome(None, f"unusable answer twice ({second_error})")
        if self._cache is not None and not self.dry_run:
            if outcome.raw is not None:
                self._cache.put_raw(key, outcome.raw)
            elif outcome.answer is not None:
                self._cache.put(key, outcome.answer)
        return outcome

    def _send(self, prompt: Prompt, request: ChatRequest, reserved: int) -> tuple[ChatAnswer | None, str]:
        if self._stopped is not None:
            self._budget.settle(reserved, 0)
            return None, f"not sent: {self._stopped}"
        if self._provider is None:
            with self._lock:
                if self._provider is None:
                    self._provider = make_provider(self.settings)
        outcome = call_with_retries(self._provider, request, policy=self._policy, slots=self._slots, sleep=self._sleep)
        answer = outcome.answer
        used = answer.input_tokens + answer.output_tokens + answer.cached_input_tokens if answer else 0
        self._budget.settle(reserved, used)
        self._record(
            CallRecord(
                prompt.label,
                prompt.kind,
                request.model,
                cache_hit=False,
                attempts=outcome.attempts,
                input_tokens=answer.input_tokens if answer else 0,
                output_tokens=answer.output_tokens if answer else 0,
                cached_input_tokens=answer.cached_input_tokens if answer else 0,
                cost_usd=cost(
                    self.settings.prices,
                    request.model,
                    input_tokens=answer.input_tokens,
                    output_tokens=answer.output_tokens,
                    cached_input_tokens=answer.cached_input_tokens,
                )
                if answer
                else 0.0,
            )
        )
        if outcome.error is not None:
            if outcome.error.status in _FATAL_STATUSES:
                self._stopped = str(outcome.error)
            return None, str(outcome.error)
        return answer, ""

    def _record(self, record: CallRecord) -> None:
        with self._lock:
            self._records.append(record)

    def _fallback(self, subject: str, reason: str) -> None:
        with self._lock:
            self._fallbacks.append(Fallback(subject, reason))


def documented_modules(model: CodeModel) -> list[Module]:
    """The modules worth an LLM summary: all but tests (their pages, if any, keep the offline text)."""
    categories = {source.path: source.category for source in model.repository.files}
    return [module for module in model.modules if categories.get(module.path) is not FileCategory.TEST]


def documented_components(model: CodeModel, documented: Mapping[str, Module]) -> list[Component]:
    """Components with at least one documented module (a folder of tests keeps the offline text)."""
    return [c for c in model.components if any(path in documented for path in c.modules)]
