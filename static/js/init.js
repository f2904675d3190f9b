// Starts GOV.UK Frontend's components (error summary focus, navigation toggle, radios).
import { initAll } from "/static/vendor/govuk-frontend/dist/govuk/govuk-frontend.min.js";

initAll();
