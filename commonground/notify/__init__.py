"""Messages through GOV.UK Notify: the email backend, text reminders and delivery failures."""
