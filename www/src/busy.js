// Loading indicator and in-flight button state for every network action.
let inFlight = 0;

function indicator() {
  return document.getElementById("busy");
}

/**
 * Runs `fn` with a loading indicator shown and `controls` (buttons, fieldsets) disabled;
 * restores them afterwards whatever happens.
 */
export async function withBusy(controls, fn, label = "Loading…") {
  const list = (Array.isArray(controls) ? controls : [controls]).filter(Boolean);
  const previous = list.map((c) => c.disabled);
  for (const c of list) {
    c.disabled = true;
    c.setAttribute("aria-busy", "true");
  }
  inFlight += 1;
  const ind = indicator();
  if (ind) {
    ind.hidden = false;
    ind.querySelector(".busy-label").textContent = label;
  }
  document.body.setAttribute("aria-busy", "true");
  try {
    return await fn();
  } finally {
    inFlight -= 1;
    list.forEach((c, i) => {
      c.disabled = previous[i];
      c.removeAttribute("aria-busy");
    });
    if (inFlight === 0) {
      if (ind) ind.hidden = true;
      document.body.removeAttribute("aria-busy");
    }
  }
}
