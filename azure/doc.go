// Package azure gathers optional, read-only evidence from an organization's
// Azure tenant and turns it into evidence on the questions of an assessment.
//
// It has three parts:
//
//   - Collection: a Collector signs in through azidentity and runs a few
//     Azure Resource Graph queries across all chosen subscriptions at once,
//     following $skipToken, honouring the per-user quota headers and 429s,
//     with bounded concurrency. Its HTTP pipeline refuses every request that
//     is not a GET or a Resource Graph query. The result is a Snapshot.
//   - Checks: the Catalog is a table of checks, each metadata (id, title,
//     layer, severity, benchmark references, the questions it informs) plus
//     one small function over one resource document. Run evaluates them over
//     a snapshot, or over what `az graph query` or the REST API printed.
//     Identity evidence comes the same way: Defender for Cloud's identity
//     recommendations (MFA, guest and blocked accounts with owner, write or
//     read permissions) in either row shape Microsoft has used, aggregate
//     assessments or one sub-assessment per account, keyed in one table
//     (defenderTopics); and role assignments, recognised by the built-in
//     role GUIDs. Accounts are named by object id only.
//   - Evidence: Apply rolls the findings up into questionnaire.Evidence with
//     a suggested maturity level. Which answers the evidence contradicts is
//     worked out by the scoring package (Result.Contradictions), from the
//     answer and the evidence, each time a result is computed.
//
// It imports questionnaire only: never scoring, reports or tui. Nothing here
// stores or prints a token.
package azure
