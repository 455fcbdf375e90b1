#pragma once
// Provenance: what a text says of its own origin, which lineage reads as evidence of direction.
// A copy often credits where it came from ("Source: bbc.co.uk", a link to the story, "first
// published by The Daily Star"), and its source, having no reason to, does not. A wire's revised
// story says it is one ("CORRECTED - ...", "UPDATE 2-..."), and the version it revises does not.
//
// Guarantees: names are matched as whole words (an address may be preceded by a subdomain), so
// "bbc.co.uk" is not found in "abbc.co.uk" nor "Star" in "Starling".
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

namespace copytrail {

// A list of names, sorted and without repeats, as the functions below take and give them.
using SiteNameSet = std::vector<std::string>;

// Appends to *names the names a document goes by: the host of its URL (without "www.") and the
// URL itself without its scheme, query and fragment, both in lower case; and its source field,
// where that is written as a name (with a capital letter, a digit or a dot; a source in lower
// case, such as "copy" or "blog", may be a common word and is left out). The list may then hold
// repeats and be out of order: SortNames makes a SiteNameSet of it.
void AddSiteNames(std::string_view url, std::string_view source, std::vector<std::string>* names);
void SortNames(std::vector<std::string>* names);

// Keeps of each text's names (one SiteNameSet per distinct text of a cluster, its exact copies'
// names included) those no other text goes by: a name two texts share (a host that carries
// several copies, a site that ran two versions) does not say which of them a mention credits.
void KeepOwnNames(std::vector<SiteNameSet>* per_text);

// Which of a list of names a text mentions: addresses (names holding a dot and nothing an
// address could not) in any case, other names as written. Built once for a cluster's names; each
// text is then read in one pass, whatever the number of names (a cluster may hold a million
// exact copies, each on its own site). `names` must outlive the finder.
class NameFinder {
 public:
  explicit NameFinder(const SiteNameSet& names);
  SiteNameSet Mentioned(std::string_view text) const;

 private:
  const SiteNameSet& names_;
  absl::flat_hash_map<std::string_view, size_t> addresses_;
  absl::flat_hash_map<std::string_view, std::vector<size_t>> by_first_word_;
  std::vector<size_t> unworded_;  // names that do not open with a letter or digit: searched for whole
};

// What each of two texts says of the other's site: for a, the first of b's names (those of b and
// its exact copies) that a mentions while b does not mention it itself and it is none of a's own
// names (a site naming itself credits nobody); likewise for b. Empty where there is none.
struct Credits {
  std::string a_names_b, b_names_a;
};
Credits CompareCredits(const SiteNameSet& a_names, const SiteNameSet& a_mentions, const SiteNameSet& b_names,
                       const SiteNameSet& b_mentions);

// How a text marks itself as a wire's revision of another: 0 for no mark; 1 for a slug that opens
// the text (CORRECTED, CORRECTION, CORRECTS, RPT, REPEAT, REFILE, REFILED, UPDATED, UPDATES,
// WRAPUP, UPDATE, then "-" or ":"), in capitals, as a wire writes them; and 1 + n for
// "UPDATE n-", which follows "UPDATE n-1". A wire re-issues a corrected or updated story as a
// document of its own beside the first. A web page's notices ("Correction: ...", "this article
// has been updated") are not marks: the page was corrected in place, often after copies of it
// were made, so the notice would make the source read as the revision of its copies.
int RevisionMark(std::string_view text);

}  // namespace copytrail
