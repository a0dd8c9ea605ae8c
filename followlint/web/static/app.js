// followlint serve: the page's behaviour. Plain JavaScript, nothing loaded from elsewhere.
// The draft is only ever put into the page as text (textContent), never as HTML.
// Findings come with UTF-16 offsets (start16/end16), which is how JavaScript strings index.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const SEVERITY = { error: 3, warning: 2, info: 1 };
  const SYMBOL = { error: "✖", warning: "▲", info: "●" };
  // A finding this long (or spanning lines) is shown as a light underline, so the words inside stay readable.
  const BROAD = 60;
  const state = { seq: 0, result: null, checkedText: null, filename: null, pinned: null, timer: 0 };

  // --- talking to the server --------------------------------------------------------------

  function contextValues() {
    const out = {};
    for (const name of ["interviewers", "company", "role", "interview_date", "kind"]) {
      const value = $(name).value.trim();
      if (value) out[name] = value;
    }
    return out;
  }

  async function post(path, body) {
    let response;
    try {
      response = await fetch(path, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body), credentials: "same-origin", cache: "no-store",
      });
    } catch (err) {
      throw new Error("followlint serve is not answering; is it still running?");
    }
    let answer = null;
    try { answer = await response.json(); } catch (err) { answer = null; }
    if (!response.ok || answer === null) {
      throw new Error((answer && answer.error) || `the server answered ${response.status}`);
    }
    return answer;
  }

  function draftBody(extra) {
    return Object.assign({ text: draft.value, filename: state.filename, context: contextValues() }, extra || {});
  }

  // Only the newest check's answer is shown: typing fast must not show an older draft's findings.
  // A download (which shows nothing) is never superseded, so a check that starts meanwhile can't cancel it.
  async function run(path, body, busy, shown = true) {
    const seq = shown ? ++state.seq : state.seq;
    setStatus(busy);
    try {
      const answer = await post(path, body);
      if (shown && seq !== state.seq) return null;
      showError(null);
      return answer;
    } catch (err) {
      if (!shown || seq === state.seq) { showError(err.message); setStatus(""); }
      return null;
    }
  }

  async function check() {
    clearTimeout(state.timer);
    if (!draft.value.trim()) { clearResult(); setStatus("Paste a draft and choose “Check draft”."); return; }
    const answer = await run("/api/lint", draftBody(), "Checking…");
    if (answer) { render(answer); setStatus(summaryLine(answer)); }
  }

  async function applyFixes() {
    clearTimeout(state.timer);
    const answer = await run("/api/fix", draftBody(), "Applying safe fixes…");
    if (!answer) return;
    draft.value = answer.text;
    render(answer);
    const n = answer.fixed;
    setStatus(`${n === 0 ? "No safe fix applied" : n === 1 ? "Applied 1 safe fix" : `Applied ${n} safe fixes`}. ` +
              summaryLine(answer));
  }

  async function download() {
    const answer = await run("/api/fix", draftBody(), "Preparing the fixed draft…", false);
    if (!answer) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([answer.text], { type: "text/plain;charset=utf-8" }));
    link.download = downloadName();
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    setStatus(`Downloaded ${link.download}` + (answer.fixed ? ` with ${answer.fixed} safe fixes applied.` : "."));
  }

  function downloadName() {
    if (!state.filename) return "follow-up-draft.txt";
    const dot = state.filename.lastIndexOf(".");
    return dot > 0 ? `${state.filename.slice(0, dot)}-fixed${state.filename.slice(dot)}` : `${state.filename}-fixed.txt`;
  }

  async function openFile(file) {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    const answer = await run("/api/lint", { data: btoa(binary), filename: file.name, context: contextValues() },
                             `Reading ${file.name}…`);
    if (!answer) return;
    state.filename = file.name;
    draft.value = answer.text;
    if (draft.value !== answer.text) { check(); return; } // the text box turned \r\n into \n: offsets moved
    render(answer);
    setStatus(`${file.name}: ${summaryLine(answer)}`);
  }

  // --- showing a result -----------------------------------------------------------------

  function summaryLine(answer) {
    const n = answer.findings.length;
    if (n === 0) return "No findings: this draft is ready to send.";
    return `${n} finding${n === 1 ? "" : "s"}, score ${answer.score}/100.`;
  }

  function setStatus(text) { $("status").textContent = text; }

  function showError(message) {
    const box = $("error");
    box.hidden = !message;
    box.textContent = message ? `Could not check the draft: ${message}` : "";
  }

  function clearResult() {
    state.result = null;
    state.checkedText = null;
    for (const id of ["summary", "preview", "preview-help", "detail", "list-title"]) $(id).hidden = true;
    $("findings").replaceChildren();
    $("notes").replaceChildren();
    updateButtons();
  }

  function render(answer) {
    state.result = answer;
    state.checkedText = answer.text;
    state.pinned = null;
    hideTip();
    $("summary").hidden = false;
    $("score").textContent = answer.score === null ? "–" : String(answer.score);
    $("score").className = answer.score >= 85 ? "good" : answer.score >= 60 ? "fair" : "poor";
    $("kind-found").textContent = answer.kind || "–";
    $("counts").textContent = countsText(answer.findings);
    renderPreview(answer);
    renderList(answer.findings);
    renderNotes(answer.notes);
    $("detail").hidden = true;
    updateButtons();
  }

  function countsText(findings) {
    if (!findings.length) return "none";
    const by = { error: 0, warning: 0, info: 0 };
    for (const f of findings) by[f.severity] += 1;
    return ["error", "warning", "info"].filter((s) => by[s])
      .map((s) => `${by[s]} ${s}${by[s] === 1 ? "" : s === "info" ? "" : "s"}`).join(", ");
  }

  // The draft cut at every finding's start and end; each piece knows the findings covering it.
  function segments(text, findings) {
    const cuts = new Set([0, text.length]);
    for (const f of findings) { cuts.add(f.start16); cuts.add(f.end16); }
    const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i < points.length; i++) {
      const at = points[i];
      const empty = findings.filter((f) => f.start16 === at && f.end16 === at);
      if (empty.length) pieces.push({ start: at, end: at, covering: empty });
      if (i + 1 < points.length) {
        const end = points[i + 1];
        const covering = findings.filter((f) => f.start16 <= at && f.end16 >= end && f.start16 < f.end16);
        pieces.push({ start: at, end, covering });
      }
    }
    return pieces;
  }

  function isBroad(f, text) {
    return f.end16 - f.start16 > BROAD || text.slice(f.start16, f.end16).includes("\n");
  }

  function renderPreview(answer) {
    const text = answer.text;
    const preview = $("preview");
    const out = document.createDocumentFragment();
    for (const piece of segments(text, answer.findings)) {
      const part = text.slice(piece.start, piece.end);
      if (!piece.covering.length) { out.appendChild(document.createTextNode(part)); continue; }
      out.appendChild(markFor(piece, part, text));
    }
    preview.replaceChildren(out);
    preview.hidden = false;
    $("preview-help").hidden = !answer.findings.length;
  }

  function markFor(piece, part, text) {
    // Narrowest finding first: it is what the words themselves are about.
    const covering = [...piece.covering].sort((a, b) => (a.end16 - a.start16) - (b.end16 - b.start16));
    const top = covering[0];
    const worst = covering.reduce((s, f) => Math.max(s, SEVERITY[f.severity]), 0);
    const mark = document.createElement("mark");
    mark.textContent = part;
    mark.dataset.ids = covering.map((f) => f.id).join(" ");
    const broad = isBroad(top, text);
    const severity = broad ? top.severity : Object.keys(SEVERITY).find((s) => SEVERITY[s] === worst);
    mark.className = `sev-${severity}${broad ? " broad" : ""}${piece.start === piece.end ? " point" : ""}`;
    if (!broad || piece.start === piece.end) {
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-describedby", "tip");
      const about = covering.filter((f) => !isBroad(f, text));
      mark.setAttribute("aria-label", `${part || "here"}: ${(about.length ? about : covering)
        .map((f) => `${f.severity}, ${f.message}`).join("; ")}`);
    }
    return mark;
  }

  function findingsOf(mark) {
    const ids = mark.dataset.ids.split(" ").map(Number);
    return ids.map((id) => state.result.findings[id]);
  }

  // What a mark is about: its word-level findings; the passage-level ones only where there are none.
  function focusOf(mark) {
    const all = findingsOf(mark);
    const narrow = all.filter((f) => !isBroad(f, state.result.text));
    return { shown: narrow.length ? narrow : all, more: narrow.length ? all.length - narrow.length : 0 };
  }

  function describeAll(mark) {
    const { shown, more } = focusOf(mark);
    const nodes = shown.map(describe);
    if (more) {
      const p = document.createElement("p");
      p.className = "more";
      p.textContent = `${more} more finding${more === 1 ? " is" : "s are"} about the whole sentence or passage (see the list).`;
      nodes.push(p);
    }
    return nodes;
  }

  function renderList(findings) {
    const list = $("findings");
    const items = findings.map((f) => {
      const li = document.createElement("li");
      li.className = `sev-${f.severity}`;
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.id = String(f.id);
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = `Line ${f.line}`;
      const sev = document.createElement("span");
      sev.className = "sev";
      sev.textContent = `${SYMBOL[f.severity]} ${f.severity}`;
      const msg = document.createElement("span");
      msg.className = "msg";
      msg.textContent = f.message;
      button.append(where, sev, msg);
      li.appendChild(button);
      return li;
    });
    list.replaceChildren(...items);
    $("list-title").hidden = !findings.length;
  }

  function renderNotes(notes) {
    $("notes").replaceChildren(...notes.map((note) => {
      const li = document.createElement("li");
      li.textContent = note;
      return li;
    }));
  }

  // What one finding says, as nodes: message, suggestion, fix, rule.
  function describe(f) {
    const box = document.createElement("div");
    box.className = `about sev-${f.severity}`;
    const head = document.createElement("p");
    head.className = "msg";
    const sev = document.createElement("strong");
    sev.textContent = `${SYMBOL[f.severity]} ${f.severity}: `;
    head.append(sev, document.createTextNode(f.message));
    box.appendChild(head);
    if (f.suggestions.length) {
      const p = document.createElement("p");
      p.className = "suggestion";
      p.textContent = `Suggestion: ${f.suggestions.join(" or ")}`;
      box.appendChild(p);
    }
    if (f.fix) {
      const p = document.createElement("p");
      p.className = "fixline";
      p.textContent = f.fix.safe ? `Safe fix: ${f.fix.title} (“Apply safe fixes” does it)`
        : `Possible fix, check it yourself: ${f.fix.title}`;
      box.appendChild(p);
    }
    const rule = document.createElement("p");
    rule.className = "rule";
    rule.textContent = `${f.code} ${f.rule}`;
    box.appendChild(rule);
    return box;
  }

  // --- hover, focus and click -------------------------------------------------------------

  function showTip(mark) {
    const tip = $("tip");
    tip.replaceChildren(...describeAll(mark));
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = Math.min(420, window.innerWidth - 16);
    tip.style.maxWidth = `${width}px`;
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - width - 8));
    tip.style.left = `${left}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function hideTip() { $("tip").hidden = true; }

  function pin(nodes, mark) {
    for (const old of document.querySelectorAll("mark.selected")) old.classList.remove("selected");
    if (mark) mark.classList.add("selected");
    const detail = $("detail");
    detail.replaceChildren(...nodes);
    detail.hidden = false;
  }

  function marksOf(id) {
    return [...document.querySelectorAll("#preview mark")].filter((m) => m.dataset.ids.split(" ").includes(String(id)));
  }

  function wire() {
    const preview = $("preview");
    preview.addEventListener("mouseover", (e) => { if (e.target.matches("mark")) showTip(e.target); });
    preview.addEventListener("mouseout", (e) => { if (e.target.matches("mark")) hideTip(); });
    preview.addEventListener("focusin", (e) => { if (e.target.matches("mark")) showTip(e.target); });
    preview.addEventListener("focusout", hideTip);
    preview.addEventListener("click", (e) => { if (e.target.matches("mark")) pin(describeAll(e.target), e.target); });
    preview.addEventListener("keydown", (e) => {
      if (e.target.matches("mark") && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        pin(describeAll(e.target), e.target);
      }
    });
    $("findings").addEventListener("click", (e) => {
      const button = e.target.closest("button");
      if (!button) return;
      const f = state.result.findings[Number(button.dataset.id)];
      const marks = marksOf(f.id);
      const mark = marks.find((m) => m.tabIndex === 0) || marks[0];
      pin([describe(f)], mark);
      if (mark) {
        mark.scrollIntoView({ block: "nearest" });
        if (mark.tabIndex === 0) mark.focus(); else marks.forEach((m) => m.classList.add("selected"));
      }
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") hideTip();
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); }
    });
    $("check").addEventListener("click", check);
    $("fix").addEventListener("click", applyFixes);
    $("download").addEventListener("click", download);
    $("file").addEventListener("change", (e) => { openFile(e.target.files[0]); e.target.value = ""; });
    draft.addEventListener("input", () => {
      if (!draft.value) state.filename = null;
      updateButtons();
      clearTimeout(state.timer);
      state.timer = setTimeout(check, 700);
    });
    $("context").addEventListener("change", () => { if (draft.value.trim()) check(); });
    $("context").addEventListener("submit", (e) => { e.preventDefault(); check(); });
    wireDrop();
    updateButtons();
  }

  function wireDrop() {
    const zone = $("dropzone");
    zone.addEventListener("dragover", (e) => {
      if ([...e.dataTransfer.types].includes("Files")) { e.preventDefault(); zone.classList.add("over"); }
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      zone.classList.remove("over");
      if (e.dataTransfer.files.length) { e.preventDefault(); openFile(e.dataTransfer.files[0]); }
    });
  }

  function updateButtons() {
    const current = state.result && state.checkedText === draft.value;
    $("fix").disabled = !(current && state.result.safe_fixes > 0);
    $("download").disabled = !draft.value.trim();
    $("preview").classList.toggle("stale", Boolean(state.result) && !current);
  }

  wire();
})();
