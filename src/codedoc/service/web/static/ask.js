// The Ask page: stream a written answer into #ask-answer. The page works without this file (the
// cited results are server-rendered); text from the answer only ever enters the page as textContent.
"use strict";

(function () {
  const CITATION = /^(\S.*?):(\d+)(?:-(\d+))?$/;

  function inline(parent, text, links) {
    // `code` spans become <code>; a checked citation becomes a link to its permalink.
    const parts = text.split("`");
    parts.forEach((part, index) => {
      if (index % 2 === 0) {
        if (part) parent.appendChild(document.createTextNode(part));
        return;
      }
      const code = document.createElement("code");
      code.textContent = part;
      const url = CITATION.test(part) ? links[part] : null;
      if (url) {
        const anchor = document.createElement("a");
        anchor.href = url;
        anchor.rel = "noopener noreferrer";
        anchor.className = "citation";
        anchor.appendChild(code);
        parent.appendChild(anchor);
      } else {
        parent.appendChild(code);
      }
    });
  }

  function render(holder, text, links) {
    holder.textContent = "";
    for (const block of text.split(/\n{2,}/)) {
      const lines = block.split("\n").filter((line) => line.trim());
      if (!lines.length) continue;
      if (lines.every((line) => /^\s*[-*]\s+/.test(line))) {
        const list = document.createElement("ul");
        for (const line of lines) {
          const item = document.createElement("li");
          inline(item, line.replace(/^\s*[-*]\s+/, ""), links);
          list.appendChild(item);
        }
        holder.appendChild(list);
      } else {
        const paragraph = document.createElement("p");
        inline(paragraph, lines.join(" "), links);
        holder.appendChild(paragraph);
      }
    }
  }

  async function streamAnswer(section) {
    const holder = document.getElementById("ask-answer-text");
    const status = document.getElementById("ask-answer-status");
    section.hidden = false;
    let text = "";
    let buffer = "";
    const finish = (message) => {
      section.setAttribute("aria-busy", "false");
      status.textContent = message;
    };
    const handle = (name, data) => {
      if (name === "piece") {
        text += data.text;
        render(holder, text, {});
      } else if (name === "done") {
        render(holder, data.answer, data.links || {});
        const removed = data.removed_identifiers.length + data.removed_citations.length;
        const usage = data.usage ? ` · ${data.usage.input_tokens} + ${data.usage.output_tokens} tokens` : "";
        finish(`${data.citations.length} citations checked · ${removed} unverified names or citations removed${usage}`);
      } else if (name === "error") {
        finish(`No answer: ${data.message}`);
      }
    };
    try {
      const response = await fetch(section.dataset.answerUrl, { headers: { Accept: "text/event-stream" } });
      const type = response.headers.get("content-type") || "";
      if (!response.ok || !response.body || !type.startsWith("text/event-stream")) {
        finish("No written answer now; the cited results below still hold.");
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = "message";
          let data = "";
          for (const line of chunk.split("\n")) {
            if (line.startsWith("event:")) name = line.slice(6).trim();
            else if (line.startsWith("data:")) data += line.slice(5).trim();
          }
          if (data) handle(name, JSON.parse(data));
        }
      }
    } catch (error) {
      finish("No written answer now; the cited results below still hold.");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const section = document.getElementById("ask-answer");
    if (section && section.dataset.answerUrl) streamAnswer(section);
  });
})();
