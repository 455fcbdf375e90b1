#include "copytrail/verifier.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include <boost/sort/pdqsort/pdqsort.hpp>

#include "copytrail/shingler.h"

namespace copytrail {

const char* RelationName(Relation r) {
  switch (r) {
    case Relation::kExact: return "exact";
    case Relation::kNear: return "near-duplicate";
    case Relation::kParaphrase: return "paraphrase";
    case Relation::kNone: break;
  }
  return "none";
}

Status VerifyOptions::Validate() const {
  auto in01 = [](double v) { return v >= 0 && v <= 1; };
  if (!in01(near_jaccard) || !in01(near_containment) || !in01(near_min_cosine) || !in01(containment_min_cosine) ||
      !in01(paraphrase_cosine) || !in01(paraphrase_containment) || !in01(paraphrase_aligned) || !in01(paraphrase_aligned_min) || !in01(paraphrase_numbers) || !in01(near_numbers) || !in01(near_numbers_jaccard) || !in01(near_figures_of_difference) || !in01(paraphrase_names) ||
      !in01(sentence_overlap) || !in01(far_aligned) || !in01(far_aligned_min))
    return Status::InvalidArgument("thresholds must lie in [0, 1] (near-jaccard " +
                                   std::to_string(near_jaccard) + ", paraphrase-cosine " +
                                   std::to_string(paraphrase_cosine) + ")");
  if (!(paraphrase_max_days >= 0))
    return Status::InvalidArgument("--paraphrase-max-days must be >= 0, got " + std::to_string(paraphrase_max_days));
  return Status::Ok();
}

namespace {

// What two documents' content terms have in common.
struct TermOverlap {
  double dot = 0;         // TF-IDF dot product
  double shared_idf = 0;  // IDF mass of the shared terms
  double shared_names_a = 0, shared_names_b = 0;  // IDF mass of the shared terms each names
  int shared_numbers = 0;
  int shared_terms = 0;
};

int CountNumbers(std::span<const uint8_t> flags) {
  int n = 0;
  for (uint8_t f : flags) n += (f & kNumber) != 0;
  return n;
}

// The measures from the term overlap, the documents' numbers and what the corpus keeps.
PairMeasures Assemble(const Corpus& corpus, DocId a, DocId b, const TermOverlap& overlap, int numbers_a,
                      int numbers_b) {
  PairMeasures m;
  const DocInfo& ia = corpus.info(a);
  const DocInfo& ib = corpus.info(b);
  m.exact = ia.tokens > 0 && ia.exact_hash == ib.exact_hash;
  m.jaccard = m.exact ? 1.0 : EstimateJaccard(corpus.signature(a), corpus.signature(b));
  // |A n B| = J (|A| + |B|) / (1 + J) turns the Jaccard estimate into containments.
  double inter = m.jaccard * (ia.shingles + ib.shingles) / (1.0 + m.jaccard);
  m.shingle_cont_ab = ia.shingles ? std::min(1.0, inter / ia.shingles) : 0;
  m.shingle_cont_ba = ib.shingles ? std::min(1.0, inter / ib.shingles) : 0;
  if (numbers_a >= 2) m.numbers_ab = static_cast<double>(overlap.shared_numbers) / numbers_a;
  if (numbers_b >= 2) m.numbers_ba = static_cast<double>(overlap.shared_numbers) / numbers_b;
  const double differing_terms = static_cast<double>(corpus.terms(a).size() + corpus.terms(b).size()) - 2.0 * overlap.shared_terms;
  if (differing_terms > 0)
    m.figures_of_difference = (numbers_a + numbers_b - 2.0 * overlap.shared_numbers) / differing_terms;
  m.cosine = std::min(1.0, overlap.dot);
  m.containment_ab = ia.idf_mass > 0 ? std::min(1.0, overlap.shared_idf / ia.idf_mass) : 0;
  m.containment_ba = ib.idf_mass > 0 ? std::min(1.0, overlap.shared_idf / ib.idf_mass) : 0;
  if (ia.name_idf_mass > 0) m.names_ab = std::min(1.0, overlap.shared_names_a / ia.name_idf_mass);
  if (ib.name_idf_mass > 0) m.names_ba = std::min(1.0, overlap.shared_names_b / ib.name_idf_mass);
  if (ia.days != DocInfo::kNoDate && ib.days != DocInfo::kNoDate) m.days_apart = std::abs(ia.days - ib.days);
  return m;
}

}  // namespace

PairMeasures Measure(const Corpus& corpus, DocId a, DocId b) {
  auto ta = corpus.terms(a), tb = corpus.terms(b);
  auto wa = corpus.weights(a), wb = corpus.weights(b);
  auto fa = corpus.term_flags(a), fb = corpus.term_flags(b);
  TermOverlap o;
  size_t i = 0, j = 0;
  while (i < ta.size() && j < tb.size()) {
    if (ta[i] < tb[j]) {
      ++i;
    } else if (ta[i] > tb[j]) {
      ++j;
    } else {
      o.dot += double{wa[i]} * wb[j];
      const double idf = corpus.term_idf(ta[i]);
      o.shared_idf += idf;
      if (IsName(fa[i])) o.shared_names_a += idf;
      if (IsName(fb[j])) o.shared_names_b += idf;
      o.shared_numbers += (fa[i] & kNumber) != 0;
      ++o.shared_terms;
      ++i, ++j;
    }
  }
  PairMeasures m = Assemble(corpus, a, b, o, CountNumbers(fa), CountNumbers(fb));
  m.shared_subject = corpus.SharesSubject(a, b);
  return m;
}

PairMeasurer::PairMeasurer(const Corpus& corpus)
    : corpus_(corpus), weight_(corpus.vocabulary_size()), held_(corpus.vocabulary_size()) {}

void PairMeasurer::Load(DocId a) {
  if (a == loaded_) return;
  if (loaded_ != kNothing)
    for (uint32_t t : corpus_.terms(loaded_)) held_[t] = 0;
  loaded_ = a;
  auto terms = corpus_.terms(a);
  auto weights = corpus_.weights(a);
  auto flags = corpus_.term_flags(a);
  for (size_t i = 0; i < terms.size(); ++i) {
    weight_[terms[i]] = weights[i];
    held_[terms[i]] = static_cast<uint8_t>(kHeld | ((flags[i] & kNumber) ? kHeldNumber : 0) |
                                           (IsName(flags[i]) ? kHeldName : 0));
  }
  loaded_numbers_ = CountNumbers(flags);
}

PairMeasures PairMeasurer::Measure(DocId a, DocId b) {
  Load(a);
  auto tb = corpus_.terms(b);
  auto wb = corpus_.weights(b);
  auto fb = corpus_.term_flags(b);
  TermOverlap o;
  // b's terms in ascending order, as Measure's merge meets them: the same sums to the last bit.
  for (size_t j = 0; j < tb.size(); ++j) {
    const uint8_t held = held_[tb[j]];
    if (!held) continue;
    o.dot += double{weight_[tb[j]]} * wb[j];
    const double idf = corpus_.term_idf(tb[j]);
    o.shared_idf += idf;
    if (held & kHeldName) o.shared_names_a += idf;
    if (IsName(fb[j])) o.shared_names_b += idf;
    o.shared_numbers += (held & kHeldNumber) != 0;
    ++o.shared_terms;
  }
  PairMeasures m = Assemble(corpus_, a, b, o, loaded_numbers_, CountNumbers(fb));
  m.shared_subject = corpus_.SharesSubject(a, b);
  return m;
}

namespace {

// Both texts hold two numbers or more, and the one with fewer keeps less than `share` of them in
// the other.
bool FiguresDiffer(const PairMeasures& m, double share) {
  return std::min(m.numbers_ab, m.numbers_ba) >= 0 && std::max(m.numbers_ab, m.numbers_ba) < share;
}

}  // namespace

bool IsNear(const PairMeasures& m, const VerifyOptions& o) {
  if (m.exact) return true;
  if (m.jaccard < o.near_numbers_jaccard && m.figures_of_difference >= o.near_figures_of_difference &&
      FiguresDiffer(m, o.near_numbers))
    return false;
  if (m.jaccard >= o.near_jaccard) return m.cosine >= o.near_min_cosine;
  // Containment alone: a truncated copy keeps the content of what it keeps, so its cosine stays
  // high; a short text made mostly of shared site chrome does not.
  return std::max(m.shingle_cont_ab, m.shingle_cont_ba) >= o.near_containment &&
         m.cosine >= o.containment_min_cosine;
}

bool HasBoilerplate(const Corpus& corpus, DocId d, uint32_t min_df) {
  for (uint64_t line : corpus.lines(d))
    if (corpus.line_df(line) >= min_df) return true;
  return false;
}

std::string StripBoilerplate(std::string_view text, const AnalyzedText& analyzed, const Corpus& corpus,
                             uint32_t min_df) {
  std::string out;
  size_t next = 0;  // the next line with words, in analyzed.line_hashes
  for (size_t begin = 0; begin < text.size();) {
    const size_t nl = text.find('\n', begin);
    const size_t end = nl == std::string_view::npos ? text.size() : nl;
    bool chrome = false;
    if (next < analyzed.line_ends.size() && analyzed.line_ends[next] == end)
      chrome = corpus.line_df(analyzed.line_hashes[next++]) >= min_df;
    if (!chrome) out.append(text.substr(begin, end - begin)).append("\n");
    begin = end + 1;
  }
  return out;
}

bool MeasureShinglesExactly(std::string_view a, std::string_view b, int shingle_size, PairMeasures* m) {
  AnalyzedText ta, tb;
  Analyze(a, &ta);
  Analyze(b, &tb);
  if (ta.tokens.size() < 3 || tb.tokens.size() < 3) return false;
  std::vector<uint64_t> sa, sb;
  WordShingles(ta.tokens, shingle_size, &sa);
  WordShingles(tb.tokens, shingle_size, &sb);
  for (auto* s : {&sa, &sb}) {
    std::sort(s->begin(), s->end());
    s->erase(std::unique(s->begin(), s->end()), s->end());
  }
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < sa.size() && j < sb.size();) {
    if (sa[i] < sb[j]) ++i;
    else if (sa[i] > sb[j]) ++j;
    else ++shared, ++i, ++j;
  }
  double uni = static_cast<double>(sa.size() + sb.size() - shared);
  m->jaccard = shared / uni;
  m->shingle_cont_ab = static_cast<double>(shared) / static_cast<double>(sa.size());
  m->shingle_cont_ba = static_cast<double>(shared) / static_cast<double>(sb.size());
  return true;
}

bool NeedsAlignment(const PairMeasures& m, const VerifyOptions& o) {
  // Every test that needs no text comes first: a pair that fails one is not re-read.
  return o.paraphrase && !IsNear(m, o) && SubjectAllows(m, o) && NamesAllow(m, o) &&
         m.cosine >= o.paraphrase_cosine &&
         std::max(m.containment_ab, m.containment_ba) >= o.paraphrase_containment &&
         // Both texts must carry figures for them to count: a rewrite may drop all of them.
         !FiguresDiffer(m, o.paraphrase_numbers);
}

bool MayBeCondensed(const PairMeasures& m, const VerifyOptions& o) {
  return std::max(m.containment_ab, m.containment_ba) >= o.condensed_containment;
}

namespace {

// Dated far enough apart that only a strong alignment makes a rewrite (paraphrase_max_days).
bool FarApart(const PairMeasures& m, const VerifyOptions& o) {
  return o.paraphrase_max_days > 0 && m.days_apart > o.paraphrase_max_days;
}

}  // namespace

bool Condensed(const PairMeasures& m, const VerifyOptions& o) {
  if (FarApart(m, o)) return false;
  auto holds = [&](double containment, double aligned, uint32_t sentences) {
    return containment >= o.condensed_containment && aligned >= o.condensed_aligned &&
           sentences >= o.condensed_min_sentences;
  };
  return holds(m.containment_ab, m.aligned_ab, m.aligned_sentences_ab) ||
         holds(m.containment_ba, m.aligned_ba, m.aligned_sentences_ba);
}

bool AlignsBothWays(const PairMeasures& m, const VerifyOptions& o) {
  const bool far = FarApart(m, o);
  return std::max(m.aligned_ab, m.aligned_ba) >= (far ? o.far_aligned : o.paraphrase_aligned) &&
         std::min(m.aligned_ab, m.aligned_ba) >= (far ? o.far_aligned_min : o.paraphrase_aligned_min);
}

Relation Classify(const PairMeasures& m, const VerifyOptions& o) {
  if (m.exact) return Relation::kExact;
  if (!SubjectAllows(m, o)) return Relation::kNone;
  if (IsNear(m, o)) return Relation::kNear;
  if (!NeedsAlignment(m, o)) return Relation::kNone;
  if (m.aligned_ab < 0) return Relation::kParaphrase;
  return AlignsBothWays(m, o) || Condensed(m, o) ? Relation::kParaphrase : Relation::kNone;
}

void BuildSentenceSets(const AnalyzedText& text, const Corpus& corpus, SentenceSets* out) {
  out->offsets.assign(1, 0);
  out->terms.clear();
  out->idf.clear();
  out->numeric.clear();
  thread_local std::vector<std::pair<uint32_t, uint8_t>> sentence;
  thread_local std::vector<uint32_t> sentence_of;  // per term entry
  sentence_of.clear();
  const auto& tokens = text.tokens;
  for (size_t i = 0; i < tokens.size();) {
    size_t j = i;
    sentence.clear();
    while (j < tokens.size() && tokens[j].sentence == tokens[i].sentence) {
      const Token& t = tokens[j++];
      if (!IsContentToken(t)) continue;
      sentence.emplace_back(ContentTermOf(t), (t.flags & kNumber) ? 1 : 0);
    }
    std::sort(sentence.begin(), sentence.end());
    sentence.erase(std::unique(sentence.begin(), sentence.end(),
                               [](const auto& x, const auto& y) { return x.first == y.first; }),
                   sentence.end());
    if (sentence.size() >= 3) {
      auto index = static_cast<uint32_t>(out->size());
      for (const auto& [term, numeric] : sentence) {
        out->terms.push_back(term);
        out->numeric.push_back(numeric);
        sentence_of.push_back(index);
      }
      out->offsets.push_back(static_cast<uint32_t>(out->terms.size()));
    }
    i = j;
  }
  // (term, entry) packed in one integer sorts by term, then by sentence (entries are in
  // sentence order); one pass then builds the vocabulary and turns entries into its indices,
  // with one IDF lookup per distinct term (all of them at once).
  thread_local std::vector<uint64_t> keys;
  keys.clear();
  for (size_t k = 0; k < out->terms.size(); ++k) keys.push_back(uint64_t{out->terms[k]} << 32 | k);
  boost::sort::pdqsort_branchless(keys.begin(), keys.end());
  out->vocab.clear();
  out->where.assign(1, 0);
  out->sentences.clear();
  for (uint64_t key : keys) {
    const auto term = static_cast<uint32_t>(key >> 32);
    const auto k = static_cast<uint32_t>(key);
    if (out->vocab.empty() || out->vocab.back() != term) {
      if (!out->vocab.empty()) out->where.push_back(static_cast<uint32_t>(out->sentences.size()));
      out->vocab.push_back(term);
    }
    out->sentences.push_back(sentence_of[k]);
    out->terms[k] = static_cast<uint32_t>(out->vocab.size() - 1);
  }
  if (!out->vocab.empty()) out->where.push_back(static_cast<uint32_t>(out->sentences.size()));
  thread_local std::vector<float> vocab_idf;
  vocab_idf.resize(out->vocab.size());
  corpus.idfs(out->vocab, vocab_idf.data());
  out->idf.resize(out->terms.size());
  for (size_t k = 0; k < out->terms.size(); ++k) out->idf[k] = vocab_idf[out->terms[k]];
}

namespace {

constexpr uint32_t kAbsent = ~0u;

// How many of x's sentences align in y; `in_y[v]` is the vocab index in y of x's term v.
uint32_t AlignedCount(const SentenceSets& x, const SentenceSets& y, const std::vector<uint32_t>& in_y,
                       double min_overlap) {
  if (x.size() == 0 || y.size() == 0) return 0;
  // Per sentence j of y: mass of the x sentence found in j alone, and in the window (j-1, j).
  thread_local std::vector<double> alone, window;
  thread_local std::vector<uint8_t> number_alone, number_window;
  thread_local std::vector<uint32_t> touched;
  alone.assign(y.size() + 1, 0), window.assign(y.size() + 1, 0);
  number_alone.assign(y.size() + 1, 0), number_window.assign(y.size() + 1, 0);
  uint32_t aligned = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    double mass = 0;
    bool has_numbers = false;
    touched.clear();
    for (uint32_t k = x.offsets[i]; k < x.offsets[i + 1]; ++k) {
      const double w = x.idf[k];
      const uint8_t num = x.numeric[k];
      mass += w;
      has_numbers |= num != 0;
      const uint32_t v = in_y[x.terms[k]];
      if (v == kAbsent) continue;
      for (uint32_t p = y.where[v]; p < y.where[v + 1]; ++p) {
        const uint32_t j = y.sentences[p];
        alone[j] += w, number_alone[j] |= num;
        window[j] += w, number_window[j] |= num;  // window (j-1, j)
        touched.push_back(j);
        if (p + 1 == y.where[v + 1] || y.sentences[p + 1] != j + 1) {
          window[j + 1] += w, number_window[j + 1] |= num;  // window (j, j+1)
          touched.push_back(j + 1);
        }
      }
    }
    bool found = false;
    for (uint32_t j : touched) {
      found |= alone[j] >= min_overlap * mass && (!has_numbers || number_alone[j]);
      found |= window[j] >= min_overlap * mass && (!has_numbers || number_window[j]);
    }
    for (uint32_t j : touched) alone[j] = window[j] = 0, number_alone[j] = number_window[j] = 0;
    aligned += found;
  }
  return aligned;
}

// One sentence of doubt in the denominator: two of three sentences aligning by chance is
// common between short reports of one event, twenty of thirty is not.
double AlignedShare(uint32_t aligned, const SentenceSets& x) {
  return static_cast<double>(aligned) / static_cast<double>(x.size() + 1);
}

}  // namespace

Alignment AlignSentences(const SentenceSets& a, const SentenceSets& b, double min_overlap,
                         double give_up_below) {
  // One merge of the sorted vocabularies maps each side's terms into the other's, so the
  // per-term lookups below are array reads instead of a binary search per term occurrence.
  thread_local std::vector<uint32_t> a_in_b, b_in_a;
  a_in_b.assign(a.vocab.size(), kAbsent);
  b_in_a.assign(b.vocab.size(), kAbsent);
  for (size_t i = 0, j = 0; i < a.vocab.size() && j < b.vocab.size();) {
    if (a.vocab[i] < b.vocab[j]) {
      ++i;
    } else if (a.vocab[i] > b.vocab[j]) {
      ++j;
    } else {
      a_in_b[i] = static_cast<uint32_t>(j);
      b_in_a[j] = static_cast<uint32_t>(i);
      ++i, ++j;
    }
  }
  Alignment out;
  auto measure_ab = [&] {
    out.ab_sentences = AlignedCount(a, b, a_in_b, min_overlap);
    out.ab = AlignedShare(out.ab_sentences, a);
    return out.ab >= give_up_below;
  };
  auto measure_ba = [&] {
    out.ba_sentences = AlignedCount(b, a, b_in_a, min_overlap);
    out.ba = AlignedShare(out.ba_sentences, b);
    return out.ba >= give_up_below;
  };
  // The direction of the text with more sentences first; the other only if the first is not hopeless.
  if (a.size() >= b.size()) {
    if (measure_ab()) measure_ba();
  } else {
    if (measure_ba()) measure_ab();
  }
  return out;
}

}  // namespace copytrail
