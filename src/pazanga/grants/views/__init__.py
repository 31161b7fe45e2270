"""Grant views, one module per audience: calls (staff set-up and the public), applicants,
reviewers, and staff/committee screens for the review process and the decision."""
