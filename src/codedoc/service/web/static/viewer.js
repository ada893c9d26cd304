// CodeDoc's web viewer: small enhancements over server-rendered pages that work without this file.
// Text from repositories is only ever put into the page with textContent, never as HTML.
"use strict";

(function () {
  function debounce(fn, wait) {
    let timer = null;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), wait);
    };
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function metaContent(name) {
    const meta = document.querySelector(`meta[name="${name}"]`);
    return meta ? meta.getAttribute("content") : null;
  }

  const prefersDark = () => window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;

  // --- Submit form: say what is wrong with the URL while it is typed -----------------------------
  function setupSubmitForm() {
    const form = document.getElementById("submit-form");
    if (!form) return;
    const input = form.querySelector("#github_url");
    const field = input.closest(".field");
    const message = document.getElementById("github_url-message");
    const checkUrl = form.dataset.checkUrl;
    let latest = 0;

    function show(ok, text) {
      field.classList.toggle("invalid", !ok);
      field.classList.toggle("valid", ok);
      input.setAttribute("aria-invalid", ok ? "false" : "true");
      message.textContent = text;
    }

    async function check() {
      const value = input.value.trim();
      if (!value) {
        field.classList.remove("invalid", "valid");
        input.removeAttribute("aria-invalid");
        message.textContent = "";
        return true;
      }
      const ticket = ++latest;
      try {
        const response = await fetch(`${checkUrl}?github_url=${encodeURIComponent(value)}`, {
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return true; // rate limited or down: let the server decide on submit
        const answer = await response.json();
        if (ticket === latest) show(answer.ok, answer.message);
        return answer.ok;
      } catch (error) {
        return true;
      }
    }

    input.addEventListener("input", debounce(check, 350));
    input.addEventListener("blur", check);
    form.addEventListener("submit", async (event) => {
      if (form.dataset.checked === "yes") return;
      event.preventDefault();
      if (!input.value.trim()) {
        show(false, "Enter a repository: https://github.com/owner/repo or owner/repo.");
        input.focus();
        return;
      }
      const ok = await check();
      if (!ok) {
        input.focus();
        return;
      }
      form.dataset.checked = "yes";
      form.querySelector("button[type=submit]").disabled = true;
      form.submit();
    });
    if (input.value.trim() && !field.classList.contains("invalid")) check();
  }

  // --- Home page: keep the job list fresh while something runs -----------------------------------
  function setupJobList() {
    const holder = document.getElementById("jobs");
    if (!holder) return;
    const refresh = async () => {
      const table = holder.querySelector("table[data-active]");
      if (!table || table.dataset.active === "0") return;
      try {
        const response = await fetch(holder.dataset.refresh, { headers: { Accept: "text/html" } });
        if (response.ok) holder.innerHTML = await response.text(); // our own escaped template
      } catch (error) {
        /* try again on the next tick */
      }
    };
    setInterval(refresh, 3000);
  }

  // --- Job page: live progress from the event stream ---------------------------------------------
  function setupJobPage() {
    const card = document.getElementById("job");
    if (!card) return;
    for (const form of document.querySelectorAll("form[data-confirm]")) {
      form.addEventListener("submit", (event) => {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    }
    const source = card.dataset.events;
    if (!source || !window.EventSource) return;
    const status = document.getElementById("job-status");
    const bar = document.getElementById("job-progress");
    const percent = document.getElementById("job-percent");
    const step = document.getElementById("job-step");
    const detail = document.getElementById("job-detail");
    const error = document.getElementById("job-error");
    const events = new EventSource(source);

    function update(job) {
      status.textContent = job.status;
      status.className = `badge status-${job.status}`;
      card.dataset.status = job.status;
      bar.value = job.progress;
      bar.textContent = `${job.progress}%`;
      percent.textContent = `${job.progress}%`;
      step.textContent = job.current_step || (job.status === "pending" ? "waiting for a worker" : job.status);
      detail.textContent = job.step_detail || "";
      if (job.error_message) {
        error.textContent = job.error_message;
        error.hidden = false;
      }
    }

    events.addEventListener("progress", (event) => update(JSON.parse(event.data)));
    events.addEventListener("end", (event) => {
      events.close();
      const job = JSON.parse(event.data);
      if (job.status === "deleted") {
        window.location.assign("/");
        return;
      }
      update(job);
      window.location.reload(); // the finished page has the links to the documentation
    });
  }

  // --- Documentation pages ------------------------------------------------------------------------
  function setupSidebar() {
    const sidebar = document.getElementById("sidebar");
    if (!sidebar) return;
    const narrow = window.matchMedia("(max-width: 760px)");
    if (narrow.matches) sidebar.open = false;
    narrow.addEventListener("change", () => {
      sidebar.open = !narrow.matches;
    });
    const current = sidebar.querySelector("a.current");
    if (current && !narrow.matches) current.scrollIntoView({ block: "center" });
  }

  async function renderDiagrams() {
    const src = metaContent("codedoc-mermaid");
    const blocks = document.querySelectorAll("pre.mermaid");
    if (!src || blocks.length === 0) return;
    try {
      await loadScript(src);
      window.mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",
        theme: prefersDark() ? "dark" : "default",
        flowchart: { htmlLabels: false },
      });
      await window.mermaid.run({ nodes: blocks });
      document.body.dataset.diagrams = "rendered";
    } catch (error) {
      document.body.dataset.diagrams = "failed";
      console.error("diagrams could not be drawn", error);
    }
  }

  async function highlightCode() {
    const src = metaContent("codedoc-highlight");
    const blocks = document.querySelectorAll('.markdown pre code[class*="language-"]');
    if (!src || blocks.length === 0) return;
    try {
      await loadScript(src);
      for (const block of blocks) {
        const language = (block.className.match(/language-([\w+#.-]+)/) || [])[1];
        if (language && window.hljs.getLanguage(language)) window.hljs.highlightElement(block);
      }
      document.body.dataset.highlighted = "yes";
    } catch (error) {
      console.error("code could not be highlighted", error);
    }
  }

  function setupSearch() {
    const form = document.querySelector("form.search[data-search]");
    if (!form) return;
    const input = form.querySelector("input[name=q]");
    const box = document.getElementById("search-results");
    let selected = -1;
    let latest = 0;

    function close() {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
      selected = -1;
    }

    function links() {
      return Array.from(box.querySelectorAll("a"));
    }

    function select(index) {
      const all = links();
      all.forEach((link, at) => link.setAttribute("aria-selected", at === index ? "true" : "false"));
      selected = index;
      if (all[index]) all[index].scrollIntoView({ block: "nearest" });
    }

    function show(hits, query) {
      box.replaceChildren();
      if (hits.length === 0) {
        const empty = document.createElement("div");
        empty.className = "empty";
        empty.textContent = `Nothing matches “${query}”.`;
        box.appendChild(empty);
      }
      for (const hit of hits) {
        const link = document.createElement("a");
        link.href = hit.url;
        link.setAttribute("role", "option");
        const title = document.createElement("span");
        title.className = "title";
        title.textContent = hit.title;
        const where = document.createElement("span");
        where.className = "where";
        where.textContent = hit.page;
        const snippet = document.createElement("span");
        snippet.className = "snippet";
        snippet.textContent = hit.snippet;
        link.append(title, where, snippet);
        box.appendChild(link);
      }
      box.hidden = false;
      input.setAttribute("aria-expanded", "true");
      selected = -1;
    }

    const run = debounce(async () => {
      const query = input.value.trim();
      if (query.length < 2) {
        close();
        return;
      }
      const ticket = ++latest;
      try {
        const response = await fetch(`${form.dataset.search}?format=json&q=${encodeURIComponent(query)}`, {
          headers: { Accept: "application/json" },
        });
        if (!response.ok || ticket !== latest) return;
        show(await response.json(), query);
      } catch (error) {
        /* the form still works: Enter opens the full results page */
      }
    }, 200);

    input.addEventListener("input", run);
    input.addEventListener("keydown", (event) => {
      const all = links();
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        select(Math.min(selected + 1, all.length - 1));
      } else if (event.key === "ArrowUp" && all.length) {
        event.preventDefault();
        select(Math.max(selected - 1, 0));
      } else if (event.key === "Enter" && selected >= 0 && all[selected]) {
        event.preventDefault();
        window.location.assign(all[selected].href);
      } else if (event.key === "Escape") {
        close();
      }
    });
    document.addEventListener("click", (event) => {
      if (!form.contains(event.target)) close();
    });
    document.addEventListener("keydown", (event) => {
      const typing = ["INPUT", "TEXTAREA"].includes(document.activeElement.tagName); // e.g. a path in the Ask box
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    setupSubmitForm();
    setupJobList();
    setupJobPage();
    setupSidebar();
    setupSearch();
    highlightCode();
    renderDiagrams();
  });
})();
