// Marks the page as scripted before it is drawn, so GOV.UK Frontend's components show their
// scripted form at once. Loaded as a blocking script at the top of <body>, as the inline
// snippet GOV.UK Frontend suggests would be, because the Content-Security-Policy forbids inline
// script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
