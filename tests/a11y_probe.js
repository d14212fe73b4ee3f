// Measurements the browser accessibility tests make in the page (evaluated by Playwright).
// Installs window.kizukiA11y with functions that return plain JSON.
(() => {
  "use strict";

  function parse(colour) {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(colour || "");
    if (!m) return null;
    let a = m[4] === undefined ? 1 : parseFloat(m[4]);
    if (m[4] && m[4].endsWith("%")) a = parseFloat(m[4]) / 100;
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), a];
  }

  function over(top, bottom) {
    // Alpha-composite `top` over the opaque `bottom`.
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }

  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const la = luminance(a);
    const lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function hex(c) {
    return "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  }

  // The opaque colour painted behind `el` (its ancestors' backgrounds, over white).
  function backdrop(el) {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    let colour = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  }

  function describe(el) {
    const name = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 30);
    const id = el.id ? "#" + el.id : "";
    const type = el.getAttribute("type") ? `[type=${el.getAttribute("type")}]` : "";
    return `${el.tagName.toLowerCase()}${id}${type} "${name}"`;
  }

  // The focus indicator of the focused element: the colours of its outline and box-shadow rings,
  // and the best contrast one of them reaches against the element and against the background.
  function focusIndicator() {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // Measure the settled indicator, not a frame of Bootstrap's box-shadow transition.
    for (const animation of el.getAnimations()) animation.finish();
    const style = getComputedStyle(el);
    const background = backdrop(el.parentElement || el);
    const element = backdrop(el);
    const rings = [];
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) {
      const c = parse(style.outlineColor);
      if (c && c[3] > 0) rings.push(c);
    }
    const shadows = (style.boxShadow || "none").match(/rgba?\([^)]*\)[^,]*/g) || [];
    for (const s of shadows) {
      const spread = s.replace(/rgba?\([^)]*\)/, "").trim().split(/\s+/).map(parseFloat);
      // x y blur spread: a ring is an unblurred shadow with a spread of 2 px or more.
      if (s.includes("inset") || spread.length < 4 || spread[2] > 0 || spread[3] < 2) continue;
      const c = parse(s);
      if (c && c[3] > 0) rings.push(c);
    }
    const solid = rings.map((c) => over(c, background));
    const best = (against) => solid.reduce((m, c) => Math.max(m, contrast(c, against)), 1);
    return {
      element: describe(el),
      rings: solid.map(hex),
      elementColour: hex(element),
      backgroundColour: hex(background),
      vsElement: Math.round(best(element) * 100) / 100,
      vsBackground: Math.round(best(background) * 100) / 100,
    };
  }

  // Radio buttons, checkboxes and selects: their size and the contrast of their border.
  function controls() {
    const found = [];
    for (const el of document.querySelectorAll("input[type=radio], input[type=checkbox], select")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      const style = getComputedStyle(el);
      const around = backdrop(el.parentElement || el);
      const border = parse(style.borderTopColor);
      const width = parseFloat(style.borderTopWidth);
      const visible = border && style.borderTopStyle !== "none" && width > 0;
      found.push({
        element: describe(el),
        width: Math.round(r.width * 10) / 10,
        height: Math.round(r.height * 10) / 10,
        border: visible ? hex(over(border, around)) : "none",
        borderContrast: visible ? Math.round(contrast(over(border, around), around) * 100) / 100 : 0,
      });
    }
    return found;
  }

  // Heading levels in document order, and the first skipped level.
  function headings() {
    const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
      .filter((h) => h.getClientRects().length > 0 || h.closest("[hidden]") === null)
      .map((h) => ({ level: parseInt(h.tagName[1], 10), text: h.textContent.trim().slice(0, 40) }));
    const skips = [];
    let previous = 0;
    for (const h of levels) {
      if (h.level > previous + 1) skips.push(`h${previous || "-"} → h${h.level} "${h.text}"`);
      previous = h.level;
    }
    return { count: levels.length, h1: levels.filter((h) => h.level === 1).length, skips };
  }

  // Visible content that is not inside a landmark (the skip link is allowed, as in axe's rule).
  function outsideLandmarks() {
    const landmark = "header, footer, main, nav, aside, section[aria-label], section[aria-labelledby], form[aria-label], [role=banner], [role=contentinfo], [role=main], [role=navigation], [role=complementary], [role=region], [role=search], [role=form]";
    const outside = [];
    for (const el of document.body.children) {
      if (["SCRIPT", "TEMPLATE", "NOSCRIPT"].includes(el.tagName)) continue;
      if (el.matches(landmark) || el.matches(".skip-link")) continue;
      if (el.getClientRects().length === 0) continue;
      if (el.querySelector(landmark) && !el.textContent.trim().replace(/\s+/g, "")) continue;
      outside.push(describe(el));
    }
    return outside;
  }

  // What the crawl records of every page, in one round trip.
  function layout() {
    const width = document.scrollingElement.scrollWidth;
    const viewport = document.documentElement.clientWidth;
    const wide = width <= viewport ? [] : [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > viewport + 1
                   && !e.closest(".visually-hidden, .visually-hidden-focusable"))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).split(" ")[0] : ""} ${Math.round(e.getBoundingClientRect().right)}px`);
    return {
      scroll_width: width,
      wide,
      headings: headings(),
      outside_landmarks: outsideLandmarks(),
      title: document.title,
    };
  }

  // Every focus change is measured as it happens, so a test can press Tab many times and
  // collect the measurements in one go.
  // A stop already seen ends the round (focus came round again).
  const focusLog = [];
  const seen = new WeakSet();
  let round = true;
  document.addEventListener("focusin", (event) => {
    if (!round) return;
    if (seen.has(event.target)) {
      round = false;
      return;
    }
    seen.add(event.target);
    const found = focusIndicator();
    if (found) focusLog.push(found);
  });
  function tabbable() {
    return document.querySelectorAll(
      "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
    ).length;
  }

  window.kizukiA11y = { layout, focusLog, tabbable, focusIndicator, controls, headings, outsideLandmarks, contrast };
})();
