#include "copytrail/phrases.h"

#include <sys/mman.h>

#include <algorithm>
#include <cctype>
#include <new>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <boost/sort/pdqsort/pdqsort.hpp>

#include "copytrail/shingler.h"

namespace copytrail {
namespace {

// The word hashes are already well mixed, so a multiply-add and one more multiply spread a pair
// over the top bits (the counter's slot) at a fraction of a full finaliser's cost.
uint64_t BigramHash(const Token& first, const Token& second) {
  return (first.hash * 0x9E3779B97F4A7C15ULL + second.hash) * 0xff51afd7ed558ccdULL;
}

template <typename Fn>
void ForEachBigram(const AnalyzedText& text, Fn fn) {
  const auto& t = text.tokens;
  for (size_t i = 1; i < t.size(); ++i)
    if (t[i].sentence == t[i - 1].sentence) fn(BigramHash(t[i - 1], t[i]));
}

// Whether the text between two words starts a paragraph: a blank line or an indented line (as in
// wire copy whose lines are wrapped).
bool BreaksParagraph(std::string_view gap) {
  size_t nl = gap.find('\n');
  if (nl == std::string_view::npos) return false;
  std::string_view after = gap.substr(nl + 1);
  return after.find('\n') != std::string_view::npos || after.starts_with("  ") || after.starts_with('\t');
}

// Paragraph p's distinct words, ascending.
std::vector<uint32_t> DistinctTerms(const Paragraphs& text, size_t p) {
  std::vector<uint32_t> t(text.terms.begin() + text.offsets[p], text.terms.begin() + text.offsets[p + 1]);
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  return t;
}

size_t CommonCount(const std::vector<uint32_t>& x, const std::vector<uint32_t>& y) {
  size_t n = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] < y[j]) ++i;
    else if (y[j] < x[i]) ++j;
    else ++n, ++i, ++j;
  }
  return n;
}

}  // namespace

void SentenceBigrams(const AnalyzedText& text, std::vector<uint64_t>* out) {
  out->clear();
  ForEachBigram(text, [out](uint64_t h) { out->push_back(h); });
  boost::sort::pdqsort_branchless(out->begin(), out->end());
}

void ListBigramsBySentence(const AnalyzedText& text, SentenceBigramList* out) {
  out->bigrams.clear();
  out->offsets.assign(1, 0);
  out->junctions.clear();
  const auto& t = text.tokens;
  for (size_t i = 1; i < t.size(); ++i) {
    if (t[i].sentence == t[i - 1].sentence) {
      out->bigrams.push_back(BigramHash(t[i - 1], t[i]));
      continue;
    }
    out->offsets.push_back(static_cast<uint32_t>(out->bigrams.size()));
    out->junctions.push_back(BigramHash(t[i - 1], t[i]));
  }
  if (!t.empty()) out->offsets.push_back(static_cast<uint32_t>(out->bigrams.size()));
}

std::vector<uint64_t> SentenceBigramList::Distinct() const {
  std::vector<uint64_t> all(bigrams);
  all.insert(all.end(), junctions.begin(), junctions.end());
  boost::sort::pdqsort_branchless(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

void PhraseCounts::Free::operator()(uint8_t* p) const { munmap(p, kBytes); }

PhraseCounts::PhraseCounts() {
  void* p = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  // Counting touches the table at random: with 4 KiB pages nearly every increment is also a TLB
  // miss.
  madvise(p, kBytes, MADV_HUGEPAGE);
  counts_.reset(static_cast<uint8_t*>(p));
}

void PhraseCounts::Add(const AnalyzedText& text, uint32_t times) {
  // Each increment misses the cache: a slot is prefetched when its bigram is hashed and
  // incremented kAhead bigrams later, so that the misses overlap (a table shared by the threads
  // and updated with locked increments ran the sketch stage at half speed: each waited for its
  // miss).
  constexpr size_t kAhead = 64;  // a power of two
  uint32_t pending[kAhead];
  size_t n = 0;
  const uint32_t step = std::min<uint32_t>(times, kMaxCount);
  auto increment = [this, step](uint32_t slot) {
    uint8_t& c = counts_[slot];
    c = static_cast<uint8_t>(c > kMaxCount - step ? kMaxCount : c + step);
  };
  ForEachBigram(text, [&](uint64_t h) {
    const auto slot = static_cast<uint32_t>(h >> (64 - kBits));
    __builtin_prefetch(&counts_[slot], 1);
    if (n >= kAhead) increment(pending[n % kAhead]);
    pending[n++ % kAhead] = slot;
  });
  for (size_t i = n > kAhead ? n - kAhead : 0; i < n; ++i) increment(pending[i % kAhead]);
}

void PhraseCounts::Merge(const PhraseCounts& other) {
  uint8_t* to = counts_.get();
  const uint8_t* from = other.counts_.get();
  for (size_t i = 0; i < kBytes; ++i) {
    const uint8_t sum = static_cast<uint8_t>(to[i] + from[i]);
    to[i] = sum < to[i] ? kMaxCount : sum;
  }
}

uint32_t PhraseCounts::count(uint64_t bigram) const { return counts_[bigram >> (64 - kBits)]; }

std::vector<uint32_t> PhraseCounts::counts(const std::vector<uint64_t>& bigrams) const {
  std::vector<uint32_t> out(bigrams.size());
  constexpr size_t kAhead = 16;
  for (size_t i = 0; i < bigrams.size(); ++i) {
    if (i + kAhead < bigrams.size()) __builtin_prefetch(&counts_[bigrams[i + kAhead] >> (64 - kBits)]);
    out[i] = count(bigrams[i]);
  }
  return out;
}

void SplitParagraphs(std::string_view text, const AnalyzedText& analyzed, Paragraphs* out) {
  out->offsets.assign(1, 0);
  out->terms.clear();
  uint32_t previous_end = 0;
  for (const Token& t : analyzed.tokens) {
    if (BreaksParagraph(text.substr(previous_end, t.begin - previous_end)) && out->terms.size() > out->offsets.back())
      out->offsets.push_back(static_cast<uint32_t>(out->terms.size()));
    if (IsContentToken(t)) out->terms.push_back(ContentTermOf(t));
    previous_end = t.end;
  }
  if (out->terms.size() > out->offsets.back()) out->offsets.push_back(static_cast<uint32_t>(out->terms.size()));
}

double LeadContinuity(const Paragraphs& text) {
  if (text.offsets.size() < 4) return -1;
  const std::vector<uint32_t> lead = DistinctTerms(text, 0), next = DistinctTerms(text, 1);
  return static_cast<double>(CommonCount(lead, next)) / static_cast<double>(next.size());
}

void ListNameMentions(std::string_view text, const AnalyzedText& analyzed, NameMentions* out) {
  // Short capitalised words are mostly acronyms and initials ("US", "BBC", "J"), never introduced.
  constexpr uint32_t kMinNameBytes = 4;
  out->introduced.clear();
  out->bare_first.clear();
  std::vector<std::pair<uint64_t, bool>> mentions;  // name, bare: in text order
  const auto& tokens = analyzed.tokens;
  for (size_t i = 1; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!(t.flags & kCapitalized) || (t.flags & (kStopWord | kNumber | kAddress)) || t.end - t.begin < kMinNameBytes)
      continue;
    // Words in capitals are acronyms or a headline's shouting, not names written as names.
    const std::string_view word = text.substr(t.begin, t.end - t.begin);
    if (std::none_of(word.begin(), word.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); }))
      continue;
    // The two words may stand on two lines of wrapped copy, but not across a paragraph.
    const Token& p = tokens[i - 1];
    const std::string_view gap = text.substr(p.end, t.begin - p.end);
    const bool spaced = !gap.empty() && !BreaksParagraph(gap) &&
                        std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
    const bool after_name = p.sentence == t.sentence && spaced && !(p.flags & (kStopWord | kNumber)) &&
                            ((p.flags & kCapitalized) ||
                             ((p.flags & kSentenceStart) && std::isupper(static_cast<unsigned char>(text[p.begin]))));
    mentions.emplace_back(t.hash, !after_name);
    if (after_name) out->introduced.push_back(t.hash);
  }
  std::sort(out->introduced.begin(), out->introduced.end());
  out->introduced.erase(std::unique(out->introduced.begin(), out->introduced.end()), out->introduced.end());
  absl::flat_hash_set<uint64_t> seen;
  for (const auto& [name, bare] : mentions)
    if (seen.insert(name).second && bare && std::binary_search(out->introduced.begin(), out->introduced.end(), name))
      out->bare_first.push_back(name);
  std::sort(out->bare_first.begin(), out->bare_first.end());
}

MentionOrder CompareMentions(const NameMentions& a, const NameMentions& b) {
  auto count = [](const NameMentions& text, const NameMentions& other) {
    return static_cast<int>(std::count_if(text.bare_first.begin(), text.bare_first.end(), [&](uint64_t name) {
      return std::binary_search(other.introduced.begin(), other.introduced.end(), name);
    }));
  };
  return {count(a, b), count(b, a)};
}

namespace {

bool Has(const std::vector<uint64_t>& bits, uint32_t t) { return (bits[t / 64] >> (t % 64)) & 1; }
void Set(std::vector<uint64_t>* bits, uint32_t t) { (*bits)[t / 64] |= uint64_t{1} << (t % 64); }

}  // namespace

std::vector<ParagraphProfile> ProfileParagraphs(const std::vector<const Paragraphs*>& texts) {
  absl::flat_hash_map<uint32_t, uint32_t> dense;
  std::vector<ParagraphProfile> out(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    out[i].paragraphs = *texts[i];
    for (uint32_t& t : out[i].paragraphs.terms) t = dense.try_emplace(t, static_cast<uint32_t>(dense.size())).first->second;
  }
  for (auto& p : out) {
    p.vocabulary.assign((dense.size() + 63) / 64, 0);
    for (uint32_t t : p.paragraphs.terms) Set(&p.vocabulary, t);
    for (size_t k = 0; k + 1 < p.paragraphs.offsets.size(); ++k) p.distinct.push_back(DistinctTerms(p.paragraphs, k));
  }
  return out;
}

namespace {

double Continuity(const ParagraphProfile& x, const ParagraphProfile& other) {
  const Paragraphs& px = x.paragraphs;
  std::vector<uint64_t> shared(x.vocabulary.size(), 0);
  bool any_shared = false;
  std::vector<size_t> own;
  for (size_t p = 0; p + 1 < px.offsets.size(); ++p) {
    size_t found = 0, n = px.offsets[p + 1] - px.offsets[p];
    for (size_t i = px.offsets[p]; i < px.offsets[p + 1]; ++i) found += Has(other.vocabulary, px.terms[i]);
    if (found * 5 >= n * 3) {
      for (size_t i = px.offsets[p]; i < px.offsets[p + 1]; ++i) Set(&shared, px.terms[i]);
      any_shared = true;
    } else {
      own.push_back(p);
    }
  }
  if (!any_shared || own.empty()) return -1;
  size_t continued = 0, total = 0;
  for (size_t p : own)
    for (size_t i = px.offsets[p]; i < px.offsets[p + 1]; ++i, ++total) continued += Has(shared, px.terms[i]);
  return static_cast<double>(continued) / static_cast<double>(total);
}

}  // namespace

SpliceCheck CompareParagraphs(const ParagraphProfile& a, const ParagraphProfile& b) {
  return {Continuity(a, b), Continuity(b, a)};
}

OrderCohesion CompareOrder(const ParagraphProfile& a, const ParagraphProfile& b) {
  constexpr size_t kMinShared = 3;
  // A shuffle moves paragraphs whole. Paragraphs that were also reworded (Jaccard 1/2 to 0.7, the
  // paraphrases) matched as well made the test noise on paraphrased copies: 83 edges lost for 59
  // won on paraphrase-only corpora of 30 seeds.
  constexpr double kMinJaccard = 0.7;
  OrderCohesion out;
  const auto &pa = a.distinct, &pb = b.distinct;
  if (pa.size() < kMinShared || pb.size() < kMinShared) return out;
  // Each paragraph of a with its most similar paragraph of b not yet taken, in a's order.
  std::vector<std::pair<size_t, size_t>> matched;  // (position in b, paragraph of a)
  std::vector<bool> taken(pb.size(), false);
  size_t next = 0;  // just past the last match in b: where a copy in the same order continues
  for (size_t i = 0; i < pa.size(); ++i) {
    if (pa[i].empty()) continue;
    if (next < pb.size() && !taken[next] && pa[i] == pb[next]) {
      taken[next] = true;
      matched.emplace_back(next++, i);
      continue;
    }
    double best = kMinJaccard;
    size_t best_j = pb.size();
    for (size_t j = 0; j < pb.size(); ++j) {
      // Jaccard is at most the smaller size over the larger.
      if (taken[j] ||
          static_cast<double>(std::min(pa[i].size(), pb[j].size())) < kMinJaccard * static_cast<double>(std::max(pa[i].size(), pb[j].size())))
        continue;
      const size_t common = CommonCount(pa[i], pb[j]);
      const double jaccard = static_cast<double>(common) / static_cast<double>(pa[i].size() + pb[j].size() - common);
      if (jaccard >= best) best = jaccard, best_j = j;
    }
    if (best_j == pb.size()) continue;
    taken[best_j] = true;
    matched.emplace_back(best_j, i);
    next = best_j + 1;
  }
  if (matched.size() < kMinShared) return out;
  std::vector<size_t> a_order, b_order;
  for (const auto& m : matched) a_order.push_back(m.second);
  std::sort(matched.begin(), matched.end());
  for (const auto& m : matched) b_order.push_back(m.second);
  if (a_order == b_order) return out;
  auto cohesion = [&](const std::vector<size_t>& order) {
    double sum = 0;
    for (size_t k = 0; k + 1 < order.size(); ++k) {
      const auto &x = pa[order[k]], &y = pa[order[k + 1]];
      sum += static_cast<double>(CommonCount(x, y)) / static_cast<double>(std::min(x.size(), y.size()));
    }
    return sum / static_cast<double>(order.size() - 1);
  };
  out.a_cohesion = cohesion(a_order);
  out.b_cohesion = cohesion(b_order);
  return out;
}

void ListFigures(const AnalyzedText& analyzed, std::vector<uint32_t>* out) {
  out->clear();
  for (const Token& t : analyzed.tokens)
    if ((t.flags & kNumber) && t.end - t.begin >= 2 && IsContentToken(t)) out->push_back(ContentTermOf(t));
  std::sort(out->begin(), out->end());
}

FigureCounts CompareFigures(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  int a_alone = 0, b_alone = 0, a_extra = 0, b_extra = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const uint32_t x = j == b.size() || (i < a.size() && a[i] < b[j]) ? a[i] : b[j];
    int na = 0, nb = 0;
    for (; i < a.size() && a[i] == x; ++i) ++na;
    for (; j < b.size() && b[j] == x; ++j) ++nb;
    if (nb == 0) ++a_alone;
    else if (na == 0) ++b_alone;
    else if (na > nb) a_extra += na - nb;
    else b_extra += nb - na;
  }
  return {a_alone + std::min(b_alone, a_extra), b_alone + std::min(a_alone, b_extra)};
}

PhrasingGap ComparePhrasing(const PhraseProfile& a, const PhraseProfile& b) {
  PhrasingGap g;
  double sum_a = 0, sum_b = 0;
  uint32_t novel_a = 0, novel_b = 0;
  auto own_a = [&](size_t i) {
    sum_a += a.commonness[i];
    novel_a += a.commonness[i] == 0;
    ++g.a_only;
  };
  auto own_b = [&](size_t j) {
    sum_b += b.commonness[j];
    novel_b += b.commonness[j] == 0;
    ++g.b_only;
  };
  size_t i = 0, j = 0;
  const auto &x = a.bigrams, &y = b.bigrams;
  while (i < x.size() && j < y.size()) {
    if (x[i] < y[j]) own_a(i++);
    else if (y[j] < x[i]) own_b(j++);
    else ++i, ++j;
  }
  for (; i < x.size(); ++i) own_a(i);
  for (; j < y.size(); ++j) own_b(j);
  if (g.a_only == 0 || g.b_only == 0) return g;
  // Two readings of rarity, summed. The mean commonness grades every phrase; but a rewrite also
  // brings in common phrases (connectives, "it was reported that") that pull its mean up towards
  // the source's, while the word pairs it coins are found in no text outside the cluster at all,
  // and their share is not diluted that way.
  const double mean_gap = sum_a / g.a_only - sum_b / g.b_only;
  const double novel_gap = static_cast<double>(novel_b) / g.b_only - static_cast<double>(novel_a) / g.a_only;
  g.gap = mean_gap + novel_gap;
  const double fewer = std::min(g.a_only, g.b_only);
  g.weight = fewer / (fewer + 5.0);
  return g;
}

}  // namespace copytrail
