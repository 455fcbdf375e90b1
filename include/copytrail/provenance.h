#pragma once
// Provenance: what a text says of its own origin, which lineage reads as evidence of direction.
// A copy often credits where it came from ("Source: bbc.co.uk", a link to the story, "first
// published by The Daily Star"), and its source, having no reason to, does not. A revised story
// says it is one ("CORRECTED - ...", "UPDATE 2-...", "Correction: an earlier version of this
// article..."), and the version it revises does not.
//
// Guarantees: names are matched as whole words (an address may be preceded by a subdomain), so
// "bbc.co.uk" is not found in "abbc.co.uk" nor "Star" in "Starling".
#include <string>
#include <string_view>
#include <vector>

namespace copytrail {

// Appends to *names those it lacks of the names a document goes by: the host of its URL (without
// "www.") and the URL itself without its scheme, query and fragment, both in lower case; and its
// source field, where that is written as a name (with a capital letter, a digit or a dot; a
// source in lower case, such as "copy" or "blog", may be a common word and is left out).
void AddSiteNames(std::string_view url, std::string_view source, std::vector<std::string>* names);

// Which of `names` `text` mentions (in the order of `names`): addresses (names holding a dot) in
// any case, other names as written.
std::vector<std::string> NamesMentioned(std::string_view text, const std::vector<std::string>& names);

// What each of two texts says of the other's site: for a, the first of b's names (AddSiteNames of
// b and its exact copies) that a mentions while b does not mention it itself and it is none of
// a's own names (a site naming itself credits nobody); likewise for b. Empty where there is none.
struct Credits {
  std::string a_names_b, b_names_a;
};
Credits CompareCredits(const std::vector<std::string>& a_names, const std::vector<std::string>& a_mentions,
                       const std::vector<std::string>& b_names, const std::vector<std::string>& b_mentions);

// How a text marks itself as a revision of another: 0 for no mark; 1 for a wire's slug that opens
// the text (CORRECTED, CORRECTION, CORRECTS, RPT, REPEAT, REFILE, REFILED, UPDATED, UPDATES,
// WRAPUP, UPDATE, then "-" or ":"), a line that opens with "Correction:", "Clarification:",
// "Update:" or "Updated:", or the notice "an earlier version of this article (or story)" or "this
// article (or story) has been (or was) updated (corrected, amended)"; and 1 + n for "UPDATE n-",
// which follows "UPDATE n-1". Slugs are read in capitals only, where a wire writes them.
int RevisionMark(std::string_view text);

}  // namespace copytrail
