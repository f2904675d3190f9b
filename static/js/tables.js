// The safety net for tables on small screens, for every page (loaded by base.html).
//
// A table wider than the screen never widens the page. On a phone it becomes stacked rows; on
// a larger screen it scrolls sideways inside its own box, which can then be reached with the
// keyboard (tabindex) and is named for screen readers after the table's caption or the heading
// before it; a table that fits adds no stop to the tab order.
//
// A table marked `cg-table--stack`, or inside a `cg-tables--stack` wrapper, is always drawn as
// stacked rows on small screens by the stylesheet: each cell is given its column's heading
// (data-label) to show before it.

function stackLabels(table) {
  const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, index) => {
      if (!cell.hasAttribute("data-label") && headings[index]) {
        cell.setAttribute("data-label", headings[index]);
      }
    });
  }
}

function nameOf(table) {
  const caption = table.querySelector("caption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  for (let node = table.parentElement; node && node.tagName !== "MAIN"; node = node.parentElement) {
    let sibling = node.previousElementSibling;
    while (sibling && !/^H[1-6]$/.test(sibling.tagName)) sibling = sibling.previousElementSibling;
    if (sibling) return sibling.textContent.trim();
  }
  return "Table";
}

// On a phone, a table that would be wider than the screen is stacked rather than scrolled;
// on a larger screen (an attendance grid on a narrow laptop window) it scrolls in its box.
const phone = window.matchMedia("(max-width: 40.0525em)");

function scrollBox(table) {
  const box = document.createElement("div");
  box.className = "cg-table-scroll";
  table.before(box);
  box.append(table);
  const fit = () => {
    const stackedHere = table.hasAttribute("data-stacked-on-phone");
    if (phone.matches && !stackedHere && box.scrollWidth > box.clientWidth) {
      table.setAttribute("data-stacked-on-phone", "");
      table.classList.add("cg-table--stack");
      stackLabels(table);
    } else if (!phone.matches && stackedHere) {
      table.removeAttribute("data-stacked-on-phone");
      table.classList.remove("cg-table--stack");
    }
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", `${nameOf(table)} (scrolls sideways)`);
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) box.removeAttribute(name);
    }
  };
  const watch = new ResizeObserver(fit);
  watch.observe(box);
  watch.observe(table);
  phone.addEventListener("change", fit);
}

for (const table of document.querySelectorAll("main table.govuk-table")) {
  if (table.classList.contains("cg-table--stack") || table.closest(".cg-tables--stack")) {
    stackLabels(table);
  } else if (!table.parentElement.classList.contains("cg-table-scroll")) {
    scrollBox(table);
  }
}
