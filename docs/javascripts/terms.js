/* Glossary terms on a touch screen: a tap on a term shows its definition (the <abbr>'s title, which a mouse shows
 * on hover through Material's tooltips); a second tap on the same term follows its link to where it is explained.
 * A tap anywhere else closes the definition. A mouse is left to Material: only a click that a touch started (its
 * pointerdown's pointerType) is handled, whatever the device.
 */
import { onEveryPage } from "./page.js";

let touched = false;   // the pointer that started the coming click was a finger or a pen
let shown = null;      // {abbr, bubble} of the definition on screen

document.addEventListener("pointerdown", (event) => { touched = event.pointerType !== "mouse"; }, true);

function close() {
  if (!shown) return;
  shown.bubble.remove();
  shown = null;
}

// Material's tooltips move the <abbr>'s title into a tooltip element that the abbr names (aria-describedby).
function definition(abbr) {
  if (abbr.dataset.definition) return abbr.dataset.definition;
  const tooltip = document.getElementById(abbr.getAttribute("aria-describedby") || "");
  return abbr.getAttribute("title") || (tooltip ? tooltip.textContent.trim() : "");
}

function open(abbr) {
  const bubble = document.createElement("span");
  bubble.className = "ps-definition";
  bubble.id = "ps-definition";
  bubble.setAttribute("role", "tooltip");
  bubble.textContent = definition(abbr);
  const link = abbr.closest("a[href]");
  if (link) {
    const hint = document.createElement("span");
    hint.className = "ps-definition__hint";
    hint.textContent = "Tap the term again to read more.";
    bubble.append(" ", hint);
  }
  (link || abbr).after(bubble);
  shown = { abbr, bubble };
}

document.addEventListener("click", (event) => {
  if (!touched) return;
  const abbr = event.target.closest && event.target.closest(".md-content abbr");
  if (shown && abbr === shown.abbr) {   // the second tap: a linked term navigates, a plain one closes
    if (!abbr.closest("a[href]")) { event.preventDefault(); close(); }
    return;
  }
  if (shown && event.target.closest(".ps-definition")) return;
  close();
  if (!abbr) return;
  event.preventDefault();      // the first tap shows, it does not navigate (Material's instant loading included)
  event.stopPropagation();
  open(abbr);
}, true);

onEveryPage(close);   // a definition left open does not outlive its page
