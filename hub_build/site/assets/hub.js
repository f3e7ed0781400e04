/* The hub's script: a new hire's onboarding plan on a track page.
 *
 * Text from the playbook reaches this script only as JSON in a data attribute:
 * it is parsed with JSON.parse and shown with textContent, never evaluated and
 * never written as HTML. What the hire picks and ticks stays in localStorage on
 * their own device; nothing is sent anywhere.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /* ------------------------------------------------------------ storage */

  // Private windows and strict settings refuse storage: the page still works, it just forgets.
  function load(key, fallback) {
    try {
      var value = window.localStorage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* nothing to do: see load() */
    }
  }

  /* ------------------------------------------------------ working days */

  // Dates are UTC midnights, so that a daylight-saving change never shifts a day.
  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match) return null;
    var date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return date.getUTCDate() === +match[3] ? date : null;
  }

  function isoDate(date) {
    return date.toISOString().slice(0, 10);
  }

  function isWorkingDay(date, holidays) {
    var weekday = date.getUTCDay();
    return weekday !== 0 && weekday !== 6 && holidays.indexOf(isoDate(date)) < 0;
  }

  // The same count as playbook/workdays.py: day 1 is the first working day on or after the start.
  function workingDayDates(start, days, holidays) {
    var wanted = days.slice().sort(function (a, b) { return a - b; });
    var dates = {};
    var day = new Date(start.getTime());
    var count = 0;
    wanted.forEach(function (number) {
      while (count < number) {
        if (count) day = new Date(day.getTime() + DAY_MS);
        while (!isWorkingDay(day, holidays)) day = new Date(day.getTime() + DAY_MS);
        count += 1;
      }
      dates[number] = day;
    });
    return dates;
  }

  var FULL_WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  // Written out for paper, where a date box would show the browser's own format (04/01/2027).
  function writtenDate(date) {
    return FULL_WEEKDAYS[date.getUTCDay()] + " " + date.getUTCDate() + " " + FULL_MONTHS[date.getUTCMonth()] + " " +
      date.getUTCFullYear();
  }

  function shownDate(date) {
    return WEEKDAYS[date.getUTCDay()] + " " + date.getUTCDate() + " " + MONTHS[date.getUTCMonth()] + " " +
      date.getUTCFullYear();
  }

  /* --------------------------------------------------------- iCalendar */

  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }

  // Lines longer than 75 octets are folded (RFC 5545, 3.1), never inside a character.
  function fold(line) {
    var parts = [];
    var current = "";
    var octets = 0;
    Array.from(line).forEach(function (character) {
      var size = new TextEncoder().encode(character).length;
      if (octets + size > (parts.length ? 74 : 75)) {
        parts.push(current);
        current = "";
        octets = 0;
      }
      current += character;
      octets += size;
    });
    parts.push(current);
    return parts.join("\r\n ");
  }

  function compact(date) {
    return isoDate(date).replace(/-/g, "");
  }

  function calendar(plan, start, dates) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hub-build//onboarding plan//EN", "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:" + icsText("Onboarding: " + plan.title)];
    plan.steps.forEach(function (step) {
      if (!step.event) return;
      var date = dates[step.day];
      lines.push("BEGIN:VEVENT",
        "UID:" + icsText(plan.track + "-" + step.key + "-" + isoDate(start) + "@hub-build"),
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + compact(date),
        "DTEND;VALUE=DATE:" + compact(new Date(date.getTime() + DAY_MS)),
        "SUMMARY:" + icsText(step.title),
        "DESCRIPTION:" + icsText(step.details),
        "TRANSP:TRANSPARENT",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(name, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  /* -------------------------------------------------------- the plan */

  function onboardingPlan(root) {
    var plan;
    try {
      plan = JSON.parse(root.getAttribute("data-plan"));
    } catch (error) {
      return;
    }
    var startKey = "hub:onboarding:" + plan.track + ":start";
    var doneKey = "hub:onboarding:" + plan.track + ":done";
    var input = root.querySelector(".hub-plan__start");
    var button = root.querySelector(".hub-plan__download");
    var progress = root.querySelector(".hub-plan__progress");
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input.hub-step"));
    var done = load(doneKey, []);
    if (!Array.isArray(done)) done = [];
    var dates = null;
    var start = null;

    function showDates() {
      start = parseDate(input.value);
      var days = plan.steps.map(function (step) { return step.day; });
      dates = start ? workingDayDates(start, days, plan.holidays) : null;
      document.querySelectorAll(".hub-day-date").forEach(function (span) {
        var date = dates && dates[+span.getAttribute("data-day")];
        span.textContent = date ? "· " + shownDate(date) : "";
      });
      button.disabled = !start;
      var written = root.querySelector(".hub-plan__first-date");
      if (written) written.textContent = start ? writtenDate(start) : "____________________";
    }

    function showProgress() {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      progress.textContent = ticked + " of " + boxes.length + " steps done";
    }

    boxes.forEach(function (box) {
      box.checked = done.indexOf(box.getAttribute("data-step")) >= 0;
      box.addEventListener("change", function () {
        done = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-step"); });
        save(doneKey, done);
        showProgress();
      });
    });
    input.value = load(startKey, "") || "";
    input.addEventListener("change", function () {
      save(startKey, input.value);
      showDates();
    });
    button.addEventListener("click", function () {
      if (start && dates) download("onboarding-" + plan.track + ".ics", calendar(plan, start, dates));
    });
    root.querySelector(".hub-plan__print").addEventListener("click", function () { window.print(); });
    showDates();
    showProgress();
    root.hidden = false;
  }

  /* ------------------------------------------------------ every page */

  // The theme shows an abbreviation's meaning on hover, which keyboards and touch
  // screens never do. The first use of each abbreviation on a page takes the focus
  // (a tab or a tap), and the theme's tooltip shows on focus too; later uses stay
  // out of the tab order, so a page full of "MQL" is not a page of tab stops.
  // That first use also leads to the abbreviation's glossary entry: a click, Enter,
  // or a second tap once the first showed the tooltip. It carries the expansion a
  // printed page writes out once (hub.css).
  function glossaryAddress() {
    var config = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) {
      /* no theme configuration: links stay relative to this page's folder */
    }
    var flat = /\.html$/.test(window.location.pathname) && !/\/index\.html$/.test(window.location.pathname);
    return new URL(base.replace(/\/?$/, "/") + (flat ? "glossary.html" : "glossary/"), window.location.href);
  }

  // The same anchor as abbreviations.anchor() in Python.
  function abbreviationAnchor(name) {
    return "abbr-" + name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function leadsToGlossary(abbr, address) {
    var focusedBefore = false;
    abbr.setAttribute("role", "link");
    abbr.setAttribute("data-glossary", address);
    abbr.addEventListener("pointerdown", function () {
      focusedBefore = document.activeElement === abbr;
    });
    abbr.addEventListener("click", function (event) {
      // A first tap shows the meaning; a mouse has shown it on hover already.
      if (event.pointerType === "touch" && !focusedBefore) return;
      window.location.href = address;
    });
    abbr.addEventListener("keydown", function (event) {
      if (event.key === "Enter") window.location.href = address;
    });
  }

  function focusableAbbreviations() {
    var seen = {};
    var glossary = glossaryAddress();
    var onGlossary = window.location.pathname === glossary.pathname;
    document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
      var name = abbr.textContent;
      if (seen[name] || abbr.hasAttribute("tabindex")) return;
      seen[name] = true;
      var title = abbr.getAttribute("title");
      var colon = title.indexOf(": ");
      abbr.setAttribute("data-expansion", colon > 0 ? title.slice(0, colon) : title);
      if (abbr.closest("a")) return; // the link it is in takes the focus and the click
      abbr.setAttribute("tabindex", "0");
      if (!onGlossary) leadsToGlossary(abbr, glossary.pathname + "#" + abbreviationAnchor(name));
    });
  }

  // On a phone each table row becomes a card, each cell labelled with its column's
  // heading (hub.css), so no column hides off the side of the screen. The mark is an
  // attribute, not a class: the theme styles only tables without a class.
  function labelledTableCells() {
    document.querySelectorAll("article table").forEach(function (table) {
      // Headings only screen readers hear (a table of details) label no card.
      var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.querySelector(".hub-visually-hidden") ? "" : th.textContent.trim();
      });
      if (!headings.some(Boolean)) return;
      table.setAttribute("data-hub-cards", "");
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (headings[index]) cell.setAttribute("data-label", headings[index]);
        });
      });
    });
  }

  // A record's page is outside the navigation (the navigation stays small however
  // large the playbook): its breadcrumb names its section, marked in the navigation.
  function highlightedSection() {
    var crumb = document.querySelector("article .hub-breadcrumb a[href]");
    if (!crumb) return;
    document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach(function (link) {
      if (link.href === crumb.href) link.classList.add("md-nav__link--active", "hub-nav-section");
    });
  }

  /* ------------------------------------------------- the people page */

  // Filters by team (or a group in it) and by region. The choice is kept in the
  // address (?team=…&region=…), so a filtered list can be shared as a link.
  function peopleFilter(form) {
    var team = form.querySelector("#hub-people-team");
    var region = form.querySelector("#hub-people-region");
    var count = form.querySelector("#hub-people-count");
    var people = document.querySelectorAll("article .hub-person");
    var query = new URLSearchParams(window.location.search);
    choose(team, query.get("team"));
    choose(region, query.get("region"));

    function matches(person) {
      var wanted = team.value;
      var byTeam = !wanted ||
        (wanted.indexOf("team:") === 0 && person.getAttribute("data-team") === wanted.slice(5)) ||
        (wanted.indexOf("group:") === 0 && person.getAttribute("data-group") === wanted.slice(6));
      return byTeam && (!region.value || person.getAttribute("data-region") === region.value);
    }

    function apply() {
      var shown = 0;
      people.forEach(function (person) {
        person.hidden = !matches(person);
        if (!person.hidden) shown += 1;
      });
      // A team's heading goes with its people: hidden when none of them is shown.
      document.querySelectorAll("article .hub-team").forEach(function (heading) {
        var team = heading.getAttribute("data-team");
        heading.hidden = !Array.prototype.some.call(people, function (person) {
          return !person.hidden && person.getAttribute("data-team") === team;
        });
      });
      count.textContent = shown === people.length
        ? people.length + (people.length === 1 ? " person" : " people")
        : shown + " of " + people.length + " people shown";
      var address = new URL(window.location.href);
      [["team", team.value], ["region", region.value]].forEach(function (pair) {
        if (pair[1]) address.searchParams.set(pair[0], pair[1]);
        else address.searchParams.delete(pair[0]);
      });
      window.history.replaceState(window.history.state, "", address.toString());
    }

    team.addEventListener("change", apply);
    region.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // A value from the address is used only if it is one of the choices.
  function choose(select, value) {
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  }

  // A code sample wider than the screen scrolls: the keyboard must reach it to scroll it.
  function scrollableCode() {
    document.querySelectorAll("article pre > code").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth && !code.hasAttribute("tabindex")) code.setAttribute("tabindex", "0");
    });
  }

  function enhance() {
    highlightedSection();
    scrollableCode();
    focusableAbbreviations();
    labelledTableCells();
    var plan = document.getElementById("hub-plan");
    if (plan) onboardingPlan(plan);
    var people = document.getElementById("hub-people-filter");
    if (people) peopleFilter(people);
  }

  // Material's instant navigation swaps pages without loading scripts again: it
  // announces each new page on document$. Without it, the page's load is enough.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
