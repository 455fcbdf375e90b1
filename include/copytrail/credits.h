#pragma once
// Credits: a copy often says where it came from ("Source: bbc.co.uk", a link to the story,
// "first published by The Daily Star"), and its source, having no reason to, does not. Lineage
// reads that as evidence of direction wherever the documents carry a URL or a source.
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

}  // namespace copytrail
