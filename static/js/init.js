// Starts GOV.UK Frontend's components (error summary focus, navigation toggle, radios).
// "govuk-frontend" is resolved by the import map in base.html, so the URL carries the file's hash.
import { initAll } from "govuk-frontend";

initAll();
