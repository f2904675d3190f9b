"""Pages of the grouping app: staff form and publish groups; participants see their own."""
