#pragma once
// How common each phrasing is across the corpus: the evidence of direction that survives a
// rewrite. A copier who edits, rewords or corrupts a text introduces word pairs that are rarer in
// the language of the corpus than the ones they replace (a deleted word leaves "the of", a
// synonym swap gives "he remarked" for "he said", an altered figure gives "in 1927" for "in
// 1987"); the source's phrasing is the idiomatic one. Rewriting tools are known for such
// "tortured phrases" (Cabanac et al., 2021).
//
// Phrases are word bigrams inside one sentence (so moving paragraphs or sentences around adds
// none), counted by occurrence in a fixed table of hashed counters: memory does not grow with the
// corpus, and a collision only makes a rare phrase look a little more common. Each sketching
// thread counts into its own table and the tables are summed afterwards, so the counts, and the
// report, do not depend on how documents were shared among threads.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "copytrail/normalizer.h"

namespace copytrail {

// The hashes of the word bigrams of a text, sorted, with repeats.
void SentenceBigrams(const AnalyzedText& text, std::vector<uint64_t>* out);

// A text's word bigrams in order, sentence by sentence, and the junctions between sentences
// (the pair of one sentence's last word and the next one's first): where sentences or paragraphs
// were cut, moved or joined.
struct SentenceBigramList {
  std::vector<uint64_t> bigrams;
  std::vector<uint32_t> offsets{0};  // sentence k's bigrams are bigrams[offsets[k] .. offsets[k + 1])
  std::vector<uint64_t> junctions;   // junctions[k] joins sentence k to sentence k + 1
  size_t size() const { return offsets.size() - 1; }
  // Every bigram and junction, distinct and ascending.
  std::vector<uint64_t> Distinct() const;
};
void ListBigramsBySentence(const AnalyzedText& text, SentenceBigramList* out);

class PhraseCounts {
 public:
  PhraseCounts();

  // Counts every bigram of the text, `times` over (the text's exact copies). Not thread-safe:
  // one table per thread, then Merge.
  void Add(const AnalyzedText& text, uint32_t times = 1);
  // Adds other's counts to these (saturating).
  void Merge(const PhraseCounts& other);
  // Occurrences of the bigram in the texts added so far, up to kMaxCount (an over-estimate when
  // hashes collide).
  uint32_t count(uint64_t bigram) const;
  // count() of each bigram, with the table reads overlapped.
  std::vector<uint32_t> counts(const std::vector<uint64_t>& bigrams) const;

 private:
  // One byte per counter and 4 MiB in all, so that the table stays in a server's last-level
  // cache; counts saturate at kMaxCount, far above where a phrase stops being rare. Over the
  // synthetic quality corpora 4 MiB and 16 MiB score the same (1 MiB loses 0.003 root accuracy);
  // larger corpora fill the counters more and blur rare phrases first.
  static constexpr int kBits = 22;
  static constexpr size_t kBytes = size_t{1} << kBits;
  static constexpr uint8_t kMaxCount = 255;
  struct Free {
    void operator()(uint8_t* p) const;
  };
  // Zeroed lazily by the system (anonymous mapping), so a corpus of two texts touches a few pages.
  std::unique_ptr<uint8_t[], Free> counts_;
};

// A text's distinct bigrams, each with how common it is outside the text's cluster:
// log(1 + count in the corpus less the cluster's own occurrences), since copies of a phrase must
// not vouch for it.
struct PhraseProfile {
  std::vector<uint64_t> bigrams;  // ascending
  std::vector<float> commonness;
};

// The phrasing evidence between two texts: how common the bigrams are that one text has and the
// other lacks (mean commonness on each side), and what share of them no text outside the
// cluster has (word pairs the text coined).
struct PhrasingGap {
  double gap = 0;     // a's side less b's: positive when a reads as the source
  double weight = 0;  // in [0, 1): near 0 when either side has only a few phrases of its own
  uint32_t a_only = 0, b_only = 0;  // distinct bigrams of one text absent from the other
};
PhrasingGap ComparePhrasing(const PhraseProfile& a, const PhraseProfile& b);

// The content terms of each paragraph of a text (a paragraph starts after a blank line or at an
// indented line).
struct Paragraphs {
  std::vector<uint32_t> offsets{0};  // paragraph p holds terms[offsets[p] .. offsets[p + 1])
  std::vector<uint32_t> terms;       // ContentTermOf, in text order
};
void SplitParagraphs(std::string_view text, const AnalyzedText& analyzed, Paragraphs* out);

// News puts the gist first and has the next paragraph follow on from it: the share of the second
// paragraph's distinct terms that occur in the first. A copy that moved paragraphs around or put
// something before the lead breaks that more often than not. -1 below three paragraphs.
double LeadContinuity(const Paragraphs& text);

// News style introduces a name in full ("Gordon Brown", "Lake Victoria") and then uses it alone
// ("Brown"). A copier who moves paragraphs around, or puts one name in place of another, can put
// a bare mention before the full one, which its source never does. A name here is a word written
// with a capital inside a sentence; it is introduced where it follows another capitalised word
// that is not a function word or a title ("Mr Brown" is how a later mention reads).
struct NameMentions {
  std::vector<uint64_t> introduced;  // names introduced somewhere in the text, ascending
  std::vector<uint64_t> bare_first;  // those of them first mentioned bare, ascending
};
void ListNameMentions(std::string_view text, const AnalyzedText& analyzed, NameMentions* out);

// Of the names both texts introduce, how many each mentions bare first.
struct MentionOrder {
  int a_bare_first = 0, b_bare_first = 0;
};
MentionOrder CompareMentions(const NameMentions& a, const NameMentions& b);

// A text's figures (content terms with a digit, single digits left out as ContentTerms leaves
// them out), one entry per occurrence, ascending.
void ListFigures(const AnalyzedText& analyzed, std::vector<uint32_t>* out);

// The figures each of two texts has that the other lacks: those it has alone, and one for each
// figure the other has alone where this text mentions a shared figure more often (the other
// changed a mention: a copy that mistypes one of two mentions of a figure has no figure its
// source lacks). Counting every extra mention instead would read a wire story's fuller later
// table, which repeats its figures, as the source.
struct FigureCounts {
  int a_only = -1, b_only = -1;  // -1: not compared
};
FigureCounts CompareFigures(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// Material a copier splices in (another story's paragraphs, an outro, an advertisement) is off
// the story's topic, while what it cuts from its source belongs to it. For each text: its
// paragraphs found in the other (most of their terms occur there) are the shared story, the
// rest its own; continuity is the share of its own paragraphs' terms that also occur in its
// shared ones. -1 where a text has no own or no shared paragraph.
struct SpliceCheck {
  double a_continuity = -1, b_continuity = -1;
};
// Texts of one cluster prepared for comparing many pairs: terms renumbered densely across the
// texts, and each text's vocabulary as a bit set over those numbers.
struct ParagraphProfile {
  Paragraphs paragraphs;
  std::vector<uint64_t> vocabulary;
  std::vector<std::vector<uint32_t>> distinct;  // each paragraph's distinct terms, ascending
};
std::vector<ParagraphProfile> ProfileParagraphs(const std::vector<const Paragraphs*>& texts);
SpliceCheck CompareParagraphs(const ParagraphProfile& a, const ParagraphProfile& b);

// A story's paragraphs follow on from each other; a copier who shuffles them breaks that. Where
// two texts hold the same paragraphs (word Jaccard at least 0.7, at least three of them) in
// different orders, the cohesion of each order: the mean share of words two neighbouring
// paragraphs have in common (of the smaller one's), over the shared paragraphs as each text
// orders them, both measured on a's wording so that only the order differs. -1 for both where
// the orders agree or too few paragraphs are shared.
struct OrderCohesion {
  double a_cohesion = -1, b_cohesion = -1;
};
OrderCohesion CompareOrder(const ParagraphProfile& a, const ParagraphProfile& b);

}  // namespace copytrail
