/*
 * The hub's search: Pagefind's Component UI, opened from a button in the
 * header or with "/". Nothing of it loads with the page: Pagefind's script and
 * styles load when the reader first opens the search, its index when they type.
 * Every value shown comes from the index through Pagefind's templates, which
 * escape it.
 */
(function () {
  "use strict";
  if (document.querySelector(".hub-search-trigger")) {
    return; // already set up: instant navigation keeps the header and this script
  }
  var script = document.currentScript;
  var root = new URL("../", script.src); // this file is at hub-assets/search.js
  var bundle = new URL("pagefind/", root);

  // A result: what it is (glossary, SLA, people…), its title, and one line of text: the
  // start of a record's text, or for a page, the words around the match.
  // meta.url and meta.anchor lead from the indexed document to the record (see search_index.py).
  var RESULT = [
    '<li class="pf-result hub-search-result">',
    '  <div class="pf-result-card"><div class="pf-result-content">',
    '    {{#if meta.section}}<p class="hub-search-section">{{ meta.section }}</p>{{/if}}',
    '    <p class="pf-result-title"><a class="pf-result-link" href="{{ meta.url | default(url) | resolveUrl(url) | safeUrl }}{{#if meta.anchor}}#{{ meta.anchor }}{{/if}}">{{ meta.title }}</a></p>',
    '    {{#if meta.summary}}<p class="pf-result-excerpt">{{ meta.summary }}</p>' +
    '{{:else if excerpt}}<p class="pf-result-excerpt">{{+ excerpt +}}</p>{{/if}}',
    '    {{#if meta.owner}}<p class="hub-search-owner">{{ meta.owner }}</p>{{/if}}',
    '  </div></div>',
    '</li>'
  ].join("\n");

  // Each entry's names are weighted in the index itself (templates/search/entry.html.j2).
  // Here: a word's weight counts in full, however often the word repeats elsewhere;
  // metadata (the title, which the first heading already weights, the address, the
  // section, the summary) is found but adds nothing, so a term with a long name cannot outrank
  // the term a reader typed by the abbreviation.
  var RANKING = {
    termSaturation: 2.0,
    metaWeights: { title: 0.0, url: 0.0, anchor: 0.0, section: 0.0, summary: 0.0, owner: 0.0 }
  };

  // Words that shape a question but name nothing in the playbook. Pagefind finds
  // only what holds every word of a search, so "what counts as an MQL?" looks for "counts mql".
  var FILLER = ("a an and are as at be by can could count counts define defined definition did do does " +
    "fast for from happen happens has have how i if in is it its long mean meaning means me must my of on or our quickly " +
    "should soon the their there this to us was we what when where which who whom why will with would " +
    "you your").split(" ");

  function words(question) {
    return question.toLowerCase().split(/[^\p{L}\p{N}-]+/u).filter(function (word) {
      return word && FILLER.indexOf(word) < 0;
    });
  }

  // A question with a word no record holds finds nothing: its last words carry the
  // subject ("how fast must sales follow up" → "sales follow up"), so drop the first
  // ones until something holds the rest.
  function askQuestions(instance) {
    var search = instance.triggerSearch.bind(instance);
    var asked = [];
    instance.triggerSearch = function (term) {
      asked = words(term);
      search(asked.length ? asked.join(" ") : term);
    };
    instance.on("results", function (found) {
      if (found && found.results && found.results.length === 0 && asked.length > 1) {
        asked = asked.slice(1);
        search(asked.join(" "));
      }
    });
  }

  function element(name, attributes, children) {
    var made = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { made.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) { made.appendChild(child); });
    return made;
  }

  function filter(name, label) {
    return element("pagefind-filter-dropdown", { filter: name, label: label });
  }

  // The filters fold behind one "Filters" control on a phone, where four dropdowns would
  // take a quarter of the screen; a wider screen shows them open, without that control.
  var WIDE = window.matchMedia("(min-width: 45em)");
  var summary = element("summary", { "class": "hub-search-filters__toggle" });
  summary.textContent = "Filters";
  var filters = element("details", { "class": "hub-search-filters" }, [
    summary,
    element("div", { "class": "hub-search-filters__list" }, [
      filter("kind", "Kind"), filter("status", "Idea status"), filter("persona", "Persona"),
      filter("stage", "Stage")
    ])
  ]);
  function unfoldOnWideScreens() {
    if (WIDE.matches) filters.open = true;
  }
  unfoldOnWideScreens();
  if (WIDE.addEventListener) WIDE.addEventListener("change", unfoldOnWideScreens);

  var template = element("script", { type: "text/pagefind-template" });
  template.textContent = RESULT;
  var modal = element("pagefind-modal", { "class": "hub-search" }, [
    element("pagefind-modal-header", {}, [element("pagefind-input", { placeholder: "Search the playbook" })]),
    element("pagefind-modal-body", {}, [
      filters,
      element("pagefind-summary"),
      element("pagefind-results", { "hide-sub-results": "" }, [template])
    ]),
    element("pagefind-modal-footer", {}, [element("pagefind-keyboard-hints")])
  ]);
  var config = element("pagefind-config", { "bundle-path": bundle.pathname, "base-url": root.pathname });
  var trigger = element("button", {
    type: "button", "class": "hub-search-trigger", "aria-label": "Search", "aria-keyshortcuts": "/",
    "aria-haspopup": "dialog"
  });
  trigger.innerHTML = '<span class="hub-search-icon" aria-hidden="true"></span><span>Search</span>' +
    '<kbd aria-hidden="true">/</kbd>';
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        document.head.appendChild(element("link", {
          rel: "stylesheet", href: new URL("pagefind-component-ui.css", bundle).href
        }));
        var ui = element("script", { type: "module", src: new URL("pagefind-component-ui.js", bundle).href });
        ui.addEventListener("load", function () {
          // Set before the components exist: an instance keeps the options it was made with.
          var instance = window.PagefindComponents.configureInstance("default", { ranking: RANKING });
          askQuestions(instance);
          document.body.appendChild(config);
          document.body.appendChild(modal);
          customElements.whenDefined("pagefind-modal").then(resolve);
        });
        ui.addEventListener("error", reject);
        document.head.appendChild(ui);
      });
    }
    return loading;
  }

  // Pagefind's filter buttons are comboboxes, which take no name from the label they show:
  // give each the name it shows, so a screen reader says which filter it is.
  function nameFilters() {
    Array.prototype.forEach.call(modal.querySelectorAll("pagefind-filter-dropdown"), function (dropdown) {
      var button = dropdown.querySelector(".pf-dropdown-trigger");
      if (button && !button.hasAttribute("aria-label")) {
        button.setAttribute("aria-label", dropdown.getAttribute("label"));
      }
    });
  }

  // The dropdowns draw their buttons again as filters load: name each new one.
  new MutationObserver(nameFilters).observe(modal, { childList: true, subtree: true });

  function open() {
    load().then(function () {
      // The modal builds its dialog once connected; wait a frame for it.
      requestAnimationFrame(function () { modal.open(); });
    });
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  trigger.addEventListener("click", open);
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target) &&
        !(modal.isOpen)) {
      event.preventDefault();
      event.stopPropagation(); // the theme's own "/" would look for its search
      open();
    }
  }, true);

  var header = document.querySelector(".md-header__inner");
  if (header) {
    header.insertBefore(trigger, header.querySelector(".md-header__source"));
  } else {
    document.body.insertBefore(trigger, document.body.firstChild);
  }
})();
