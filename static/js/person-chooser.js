// Choosing a person from hundreds: each <select data-module="cg-person-chooser"> becomes
// alphagov's accessible autocomplete (type part of a name, then choose with the arrow keys and
// Enter). The select stays in the form as the value sent, so without JavaScript it still works.
// A multiple select becomes an autocomplete to add people, and a list of those chosen, each
// with a button to remove them.
//
// Choosing from thousands (the people list's organisation and cohort filters): each
// <input data-module="cg-lookup" data-source="URL"> becomes the same autocomplete, asking URL
// for the names that hold the words typed ({"results": [...]}). What is typed is what the form
// sends, so without JavaScript the text box filters by the words typed.
//
// The autocomplete is a UMD bundle: imported here it defines window.accessibleAutocomplete.
import "../vendor/accessible-autocomplete/dist/accessible-autocomplete.min.js";

const autocomplete = window.accessibleAutocomplete;

function label(option) {
  return option.textContent.trim();
}

function choices(select, query, wanted) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return Array.from(select.options)
    .filter((option) => option.value && wanted(option))
    .map(label)
    .filter((text) => words.every((word) => text.toLowerCase().includes(word)));
}

function setHint(select) {
  const hint = document.getElementById(select.id + "-hint");
  if (hint && select.dataset.chooserHint) {
    hint.textContent = select.dataset.chooserHint;
  }
}

function enhanceOne(select) {
  const id = select.id;
  setHint(select);
  const empty = Array.from(select.options).find((option) => !option.value);
  const chosen = select.value ? label(select.options[select.selectedIndex]) : "";
  const element = document.createElement("div");
  select.parentNode.insertBefore(element, select);
  select.hidden = true;
  select.style.display = "none";
  select.id = id + "-select";
  autocomplete({
    element,
    id,
    name: "",
    defaultValue: chosen,
    minLength: 1,
    showNoOptionsFound: true,
    tNoResults: () => "No one found with that name",
    source: (query, populate) => populate(choices(select, query, () => true)),
    onConfirm: (text) => {
      const option = Array.from(select.options).find((each) => each.value && label(each) === text);
      if (option) option.selected = true;
    },
  });
  const input = document.getElementById(id);
  copyDescription(select, input);
  // Emptying the box empties the choice, for an optional person such as a sponsor.
  input.addEventListener("input", () => {
    if (!input.value.trim() && empty) empty.selected = true;
  });
}

function copyDescription(select, input) {
  const described = select.getAttribute("aria-describedby");
  if (input && described) {
    const own = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", own ? own + " " + described : described);
  }
}

function enhanceMany(select) {
  const id = select.id;
  setHint(select);
  const box = document.createElement("div");
  const list = document.createElement("ul");
  list.className = "govuk-list cg-chooser__chosen";
  list.setAttribute("aria-label", "Chosen");
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  select.parentNode.insertBefore(box, select);
  select.parentNode.insertBefore(list, select);
  select.parentNode.insertBefore(status, select);
  select.hidden = true;
  select.style.display = "none";
  select.id = id + "-select";

  function drawBox() {
    box.replaceChildren();
    autocomplete({
      element: box,
      id,
      name: "",
      minLength: 1,
      confirmOnBlur: false,
      tNoResults: () => "No one found with that name",
      source: (query, populate) => populate(choices(select, query, (option) => !option.selected)),
      onConfirm: (text) => {
        const option = Array.from(select.options).find(
          (each) => each.value && !each.selected && label(each) === text,
        );
        if (!option) return;
        option.selected = true;
        status.textContent = "Added " + text;
        drawList();
        // A fresh, empty box for the next person, with the focus kept in it.
        setTimeout(() => {
          drawBox();
          document.getElementById(id).focus();
        }, 0);
      },
    });
    copyDescription(select, document.getElementById(id));
  }

  function drawList() {
    list.replaceChildren();
    for (const option of Array.from(select.selectedOptions)) {
      const item = document.createElement("li");
      item.append(label(option) + " ");
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-1";
      remove.append("Remove");
      const who = document.createElement("span");
      who.className = "govuk-visually-hidden";
      who.textContent = " " + label(option);
      remove.append(who);
      remove.addEventListener("click", () => {
        option.selected = false;
        status.textContent = "Removed " + label(option);
        drawList();
        document.getElementById(id).focus();
      });
      item.append(remove);
      list.append(item);
    }
    list.hidden = !select.selectedOptions.length;
  }

  drawBox();
  drawList();
}

function enhanceLookup(input) {
  const { id, name, value } = input;
  const described = input.getAttribute("aria-describedby");
  const source = input.dataset.source;
  const element = document.createElement("div");
  input.parentNode.insertBefore(element, input);
  input.remove();
  autocomplete({
    element,
    id,
    name,
    defaultValue: value,
    minLength: 2,
    confirmOnBlur: false,
    showNoOptionsFound: true,
    tNoResults: () => "Nothing found with that name",
    source: (query, populate) => {
      fetch(source + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((found) => populate(found.results))
        .catch(() => populate([]));
    },
  });
  const made = document.getElementById(id);
  if (made && described) made.setAttribute("aria-describedby", described);
}

if (autocomplete) {
  for (const input of document.querySelectorAll('input[data-module="cg-lookup"]')) {
    enhanceLookup(input);
  }
  for (const select of document.querySelectorAll('select[data-module="cg-person-chooser"]')) {
    if (select.multiple) enhanceMany(select);
    else enhanceOne(select);
  }
}
