#include "copytrail/lineage.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <queue>

#include <absl/container/flat_hash_map.h>

#include "copytrail/normalizer.h"
#include "lineage/arborescence.h"

namespace copytrail {
namespace {

// Most of one text's shingles recur in the other: a copy, not a rewrite, whose paragraphs and
// chrome can be compared as they stand.
bool Verbatim(const PairMeasures& m) { return std::max(m.shingle_cont_ab, m.shingle_cont_ba) >= 0.5; }

std::string Percent(double x) { return std::to_string(static_cast<int>(std::lround(100 * x))) + "%"; }

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// log(1 + count) for the phrase counts (which saturate at 255), from a table: a cluster's texts
// have thousands of bigrams each.
float Log1p(uint32_t count) {
  static const std::array<float, 256> table = [] {
    std::array<float, 256> t;
    for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<float>(std::log1p(static_cast<double>(i)));
    return t;
  }();
  return count < table.size() ? table[count] : static_cast<float>(std::log1p(static_cast<double>(count)));
}

// Names and, unless `names_only`, numbers (flagged content terms) of `a` that `b` lacks.
int SpecificsMissing(const Corpus& corpus, DocId a, DocId b, bool names_only) {
  auto ta = corpus.terms(a), tb = corpus.terms(b);
  auto fa = corpus.term_flags(a);
  int missing = 0;
  size_t j = 0;
  for (size_t i = 0; i < ta.size(); ++i) {
    if (names_only ? !IsName(fa[i]) : !(fa[i] & (kNumber | kCapitalized))) continue;
    while (j < tb.size() && tb[j] < ta[i]) ++j;
    if (j >= tb.size() || tb[j] != ta[i]) ++missing;
  }
  return missing;
}

// Lines of `a` absent from `b` that also occur in more documents than the cluster holds, i.e.
// site chrome rather than story text; 0 unless chrome is all `a` adds beyond the edits both
// texts show. Chrome says who copied only then: a version that also has story lines of its own
// may as well be the source whose sign-off a copy cut with its tail (in the synthetic corpora,
// 95% of "parent carries chrome the child lacks" verdicts were cuts of that kind). Story lines
// of `a` that `b` lacks count as edits while `b` has as many story lines `a` lacks (a line
// edited on one side pairs off with its original on the other) and no chrome of its own: a copy
// that added chrome and edited a few lines is still the copy (mixed root 1614 -> 1620 of 1800
// on bench/quality seeds 7-36, 1623 -> 1634 on 37-66; near-duplicates 1658 -> 1673).
// Nor does a lone sign-off of a word or two: a wire's re-issue drops its "REUTER" as often as a
// copier adds one (Reuters-21578 has 46 earlier versions whose only extra line is "REUTER"),
// while what sites add says something ("Share this article", "Related Posts / Source link").
int ChromeAdded(const Corpus& corpus, DocId a, DocId b, size_t cluster_size) {
  constexpr uint32_t kMinChromeWords = 3;
  auto la = corpus.lines(a), lb = corpus.lines(b);
  auto is_chrome = [&](uint64_t line) { return corpus.line_df(line) > cluster_size + 1; };
  auto in = [](std::span<const uint64_t> lines, uint64_t l) { return std::binary_search(lines.begin(), lines.end(), l); };
  size_t chrome = 0, story = 0;
  uint32_t words = 0;
  for (uint64_t l : la) {
    if (in(lb, l)) continue;
    if (is_chrome(l)) {
      ++chrome;
      words += LineWords(l);
    } else if (++story > lb.size()) {
      return 0;
    }
  }
  if (words < kMinChromeWords) return 0;
  if (story > 0) {
    // Lines are distinct within a text, so b has lb.size() - (la.size() - chrome - story) alone.
    if (story > lb.size() - (la.size() - chrome - story)) return 0;
    for (uint64_t l : lb)
      if (!in(la, l) && is_chrome(l)) return 0;
  }
  return static_cast<int>(chrome);
}

// Breadth-first order from the root, so that parents come before children.
std::vector<LineageEdge> BreadthFirst(DocId root, std::vector<LineageEdge> edges) {
  std::multimap<DocId, LineageEdge> by_parent;
  for (auto& e : edges) by_parent.emplace(e.parent, std::move(e));
  std::vector<LineageEdge> out;
  std::queue<DocId> q;
  q.push(root);
  while (!q.empty()) {
    DocId p = q.front();
    q.pop();
    auto [lo, hi] = by_parent.equal_range(p);
    for (auto it = lo; it != hi; ++it) {
      q.push(it->second.child);
      out.push_back(std::move(it->second));
    }
  }
  return out;
}

// How many elements of the union of three sorted sets lie in each combination of them:
// counts[mask], with bit 0 for a, bit 1 for b and bit 2 for c.
std::array<size_t, 8> Overlaps(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b,
                               const std::vector<uint64_t>& c) {
  std::array<size_t, 8> counts{};
  constexpr uint64_t kPast = ~uint64_t{0};
  size_t i = 0, j = 0, k = 0;
  while (i < a.size() || j < b.size() || k < c.size()) {
    const uint64_t x = std::min({i < a.size() ? a[i] : kPast, j < b.size() ? b[j] : kPast,
                                 k < c.size() ? c[k] : kPast});
    int mask = 0;
    if (i < a.size() && a[i] == x) mask |= 1, ++i;
    if (j < b.size() && b[j] == x) mask |= 2, ++j;
    if (k < c.size() && c[k] == x) mask |= 4, ++k;
    ++counts[mask];
  }
  return counts;
}

// Of three texts, each one's exceptions (bigrams found in neither other, and bigrams of both
// others it lacks), from their Overlaps: the fewer, the more a text is the other two's median.
std::array<size_t, 3> Exceptions(const std::array<size_t, 8>& v) {
  return {v[1] + v[6], v[2] + v[5], v[4] + v[3]};
}

// Whether text k of three is their median: `ratio` times its exceptions below each other's.
bool IsMedian(const std::array<size_t, 3>& exceptions, size_t k, double ratio) {
  for (size_t x = 0; x < 3; ++x)
    if (x != k && ratio * static_cast<double>(exceptions[k]) >= static_cast<double>(exceptions[x])) return false;
  return true;
}

// A text moved under a sibling: the grandparent it hung from, and the changes it inherited. Or,
// `up`, moved from a sibling to their common parent: the sibling it hung from, the word pairs of
// the parent it keeps that the sibling changed (`inherited`), and the sibling's changes it shares.
struct Regraft {
  int from = -1;
  size_t inherited = 0;
  bool up = false;
  size_t shared = 0;
};

// What regrafting reads of one distinct text: its ClusterTexts entry (null: no text), and its
// story's bigrams and junctions, distinct and ascending.
struct RegraftText {
  const ClusterTexts::Content* content = nullptr;
  std::vector<uint64_t> story, junctions;
};

// Of a text s, the bigrams and junctions that can be edits of the source g: those in sentences
// that keep source material (at least regraft_source_share of their bigrams found in g), and the
// junctions between two such sentences. Added material (another story's paragraphs) is left out.
struct Edits {
  std::vector<uint64_t> bigrams, junctions;
};

// The arborescence tends to hang a copy of a copy from the original, beside the copy it was made
// from: the original reads as the most source-like text, and the two candidate parents differ
// from the child by only a few edits. Descent shows in the changes themselves: a copy inherits
// what its parent changed. Of two siblings under g, s was copied from c when they share changes
// (word bigrams g lacks) and c is the median of the three, the text with the fewest exceptions
// (its bigrams found in neither other text, and bigrams of both others it lacks) by
// regraft_median_ratio: maximum parsimony on three texts. Not every shared difference is an
// inherited change:
//  - truncations make none, so a cut of a cut stays with the full text, as likely its source;
//  - site chrome: two copies on one site add the same chrome independently, so only the story
//    counts;
//  - spliced material: two copies that add paragraphs of the same other story share them
//    without one being made from the other, so only changes inside sentences that keep source
//    material (regraft_source_share of their bigrams found in g) count;
//  - junctions between sentences count half: reorderings meet the same junctions by chance;
//  - rewriters converge on the same rewordings: between rewrites only changes no other text of
//    the cluster has (outside the two texts' subtrees) count, and the median must be clearer
//    (regraft_rewrite_median_ratio).
// `older(c, s)` must also read c as the source of s; `kin(x, y)` tells whether x and y are
// near-verbatim copies (Kin::kCopy), rewrites of each other (Kin::kRewrite) or neither.
enum class Kin { kNone, kRewrite, kCopy };

template <typename Older, typename KinOf>
std::vector<Regraft> RegraftOnInheritedChanges(const std::vector<RegraftText>& texts, const LineageOptions& o,
                                               Older older, KinOf kin, std::vector<int>* parent_of) {
  const size_t n = texts.size();
  std::vector<Regraft> moved(n);
  std::vector<std::vector<size_t>> children(n);
  for (size_t j = 0; j < n; ++j)
    if ((*parent_of)[j] >= 0) children[static_cast<size_t>((*parent_of)[j])].push_back(j);
  auto whole = [&](size_t i) -> const std::vector<uint64_t>& { return texts[i].content->all_bigrams; };
  auto share = [](size_t part, size_t whole_size) {
    return whole_size ? static_cast<double>(part) / static_cast<double>(whole_size) : 0.0;
  };
  // Two of three texts, x and y at bits bx and by of their Overlaps `v`, are near-verbatim when
  // their bigrams' Jaccard reaches regraft_min_jaccard, or when one is a cut of the other: the
  // smaller's bigrams contained in the larger.
  auto near_verbatim = [&](const std::array<size_t, 8>& v, int bx, size_t x, int by, size_t y) {
    size_t both = 0, either = 0;
    for (int mask = 1; mask < 8; ++mask) {
      const bool in_x = (mask >> bx) & 1, in_y = (mask >> by) & 1;
      if (in_x && in_y) both += v[mask];
      if (in_x || in_y) either += v[mask];
    }
    return share(both, either) >= o.regraft_min_jaccard ||
           share(both, std::min(whole(x).size(), whole(y).size())) >= o.regraft_min_containment;
  };
  auto descends_from = [&](size_t t, size_t ancestor) {
    for (int x = (*parent_of)[t]; x >= 0; x = (*parent_of)[static_cast<size_t>(x)])
      if (x == static_cast<int>(ancestor)) return true;
    return false;
  };
  auto edits_of = [&](size_t g, size_t s, Edits* out) {
    out->bigrams.clear();
    out->junctions.clear();
    const SentenceBigramList& list = texts[s].content->sentences;
    const auto& source = texts[g].story;
    bool previous_edited = false;
    for (size_t k = 0; k < list.size(); ++k) {
      const auto begin = list.bigrams.begin() + list.offsets[k], end = list.bigrams.begin() + list.offsets[k + 1];
      const auto kept = std::count_if(begin, end, [&](uint64_t b) { return std::binary_search(source.begin(), source.end(), b); });
      const bool edited = begin != end && share(static_cast<size_t>(kept), static_cast<size_t>(end - begin)) >= o.regraft_source_share;
      if (edited) out->bigrams.insert(out->bigrams.end(), begin, end);
      if (edited && previous_edited) out->junctions.push_back(list.junctions[k - 1]);
      previous_edited = edited;
    }
    for (auto* v : {&out->bigrams, &out->junctions}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
  };
  // Of s's edited bigrams, those c shares and g lacks that no other text has but their
  // descendants.
  auto specific_changes = [&](size_t g, size_t c, size_t s, const std::vector<uint64_t>& edited) {
    std::vector<uint64_t> both, changes, kept;
    const auto& story_c = texts[c].story;
    std::set_intersection(story_c.begin(), story_c.end(), edited.begin(), edited.end(), std::back_inserter(both));
    std::set_difference(both.begin(), both.end(), texts[g].story.begin(), texts[g].story.end(), std::back_inserter(changes));
    for (size_t t = 0; t < n && !changes.empty(); ++t) {
      if (t == g || t == c || t == s || !texts[t].content || descends_from(t, c) || descends_from(t, s)) continue;
      kept.clear();
      std::set_difference(changes.begin(), changes.end(), texts[t].story.begin(), texts[t].story.end(), std::back_inserter(kept));
      changes.swap(kept);
    }
    return changes.size();
  };
  Edits edits;
  for (size_t g = 0; g < n; ++g) {
    const int under_g = static_cast<int>(g);
    if (!texts[g].content) continue;
    for (size_t s : children[g]) {
      if ((*parent_of)[s] != under_g || !texts[s].content) continue;
      bool edits_read = false;  // read when a sibling first passes the other tests
      int best = -1;
      size_t best_margin = 0, best_inherited = 0;
      for (size_t c : children[g]) {
        if (c == s || (*parent_of)[c] != under_g || !texts[c].content) continue;
        const Kin c_s = kin(c, s), g_c = kin(g, c);
        if (c_s == Kin::kNone || g_c == Kin::kNone) continue;
        const auto v = Overlaps(whole(g), whole(c), whole(s));  // bit 0 g, 1 c, 2 s
        if (v[6] < o.regraft_min_inherited) continue;  // a bound on the story's shared changes
        const bool copies =
            c_s == Kin::kCopy && g_c == Kin::kCopy &&
            near_verbatim(v, 1, c, 2, s) && near_verbatim(v, 0, g, 1, c);
        const auto e = Exceptions(v);
        if (!IsMedian(e, 1, copies ? o.regraft_median_ratio : o.regraft_rewrite_median_ratio)) continue;
        const size_t margin = e[0] - e[1];  // positive: c has fewer exceptions than g
        if (margin <= best_margin || !older(c, s)) continue;
        if (!edits_read) edits_of(g, s, &edits), edits_read = true;
        size_t inherited;
        if (copies) {
          inherited = Overlaps(texts[g].story, texts[c].story, edits.bigrams)[6] +
                      Overlaps(texts[g].junctions, texts[c].junctions, edits.junctions)[6] / 2;
          if (inherited < o.regraft_min_inherited) continue;
        } else {
          inherited = specific_changes(g, c, s, edits.bigrams);
          if (inherited < o.regraft_min_specific) continue;
        }
        best = static_cast<int>(c), best_margin = margin, best_inherited = inherited;
      }
      if (best < 0) continue;
      (*parent_of)[s] = best;
      moved[s] = {under_g, best_inherited};
    }
  }
  // The converse, by the same test: s moves from c up to c's parent g when g is the median of
  // the three. The arborescence also chains siblings, one under the other (the dates allow it, and
  // the two differ from their parent by a few edits each); s then keeps wording of g that c
  // changed, and few of c's own changes.
  for (size_t s = 0; s < n; ++s) {
    const int under_c = (*parent_of)[s];
    if (moved[s].from >= 0 || under_c < 0 || !texts[s].content) continue;
    const auto c = static_cast<size_t>(under_c);
    const int under_g = (*parent_of)[c];
    if (under_g < 0 || !texts[c].content || !texts[static_cast<size_t>(under_g)].content) continue;
    const auto g = static_cast<size_t>(under_g);
    const Kin g_s = kin(g, s), g_c = kin(g, c);
    if (g_s == Kin::kNone || g_c == Kin::kNone) continue;
    const auto v = Overlaps(whole(g), whole(c), whole(s));  // bit 0 g, 1 c, 2 s
    const size_t kept = v[5];
    if (kept < o.regraft_min_inherited) continue;
    const bool copies =
        g_s == Kin::kCopy && g_c == Kin::kCopy &&
        near_verbatim(v, 0, g, 2, s) && near_verbatim(v, 0, g, 1, c);
    if (!IsMedian(Exceptions(v), 0, copies ? o.regraft_median_ratio : o.regraft_rewrite_median_ratio) || !older(g, s))
      continue;
    (*parent_of)[s] = under_g;
    moved[s] = {under_c, kept, true, v[6]};
  }
  return moved;
}

}  // namespace

double DirectionScore(const Corpus& corpus, DocId p, DocId c, const PairMeasures& m,
                      size_t cluster_size, const LineageOptions& o,
                      const TextEvidence* text, std::vector<std::string>* evidence) {
  const DocInfo& ip = corpus.info(p);
  const DocInfo& ic = corpus.info(c);
  double score = 0;
  // Each piece of evidence moves the score; what speaks against the direction says so. The words
  // are only written when asked for: the tree scores every ordered pair of a cluster.
  auto add = [&](double contribution, bool worth_saying, auto describe) {
    score += contribution;
    if (!evidence || !worth_saying) return;
    std::string what = describe();
    evidence->push_back(contribution < 0 ? "against: " + what : what);
  };

  // A date says more against a parent than for it: a parent dated after its child is almost
  // certainly wrong, while one dated before may as well be an elder sibling.
  if (int order = CompareDates(ip, ic); order != 0) {
    add(order < 0 ? o.date_weight * 0.4 : -o.date_weight, true,
        [&] { return std::string(order < 0 ? "parent is dated earlier (" : "parent is dated later (") + ip.date +
            " vs " + ic.date + ")"; });
  }
  // A credit both ways (two sites quoting each other) says nothing.
  if (o.credit_weight > 0 && text && text->credits.b_names_a.empty() != text->credits.a_names_b.empty()) {
    const bool child_credits = !text->credits.b_names_a.empty();
    add(child_credits ? o.credit_weight : -o.credit_weight, true, [&] {
      return child_credits ? "child mentions parent's site or source (" + text->credits.b_names_a + ")"
                           : "parent mentions child's site or source (" + text->credits.a_names_b + ")";
    });
  }
  if (o.revision_weight > 0 && text && text->a_revision != text->b_revision) {
    const bool child_later = text->b_revision > text->a_revision;
    const int earlier = std::min(text->a_revision, text->b_revision);
    add(child_later ? o.revision_weight : -o.revision_weight, true, [&] {
      const std::string who = child_later ? "child" : "parent", other = child_later ? "parent" : "child";
      return earlier == 0 ? who + " marks itself as a revision (a correction, update or repeat) and " + other + " does not"
                          : who + " marks itself as a later update than " + other;
    });
  }
  // Site chrome tells the direction of a verbatim copy (the copier adds its own); a rewrite
  // drops the chrome of its source, so between paraphrases it says nothing.
  const bool verbatim = Verbatim(m);
  int boiler_child = verbatim ? ChromeAdded(corpus, c, p, cluster_size) : 0;
  int boiler_parent = verbatim ? ChromeAdded(corpus, p, c, cluster_size) : 0;
  // Two sites' chrome around one story (each text adds only chrome the other lacks) says nothing
  // about which site copied the other.
  const bool chrome_speaks = (boiler_child > 0) != (boiler_parent > 0);
  // Like chrome, splicing shows between verbatim copies: rewritten paragraphs match too loosely
  // to say which are shared.
  const SpliceCheck* splice = verbatim && text && text->splice.a_continuity >= 0 && text->splice.b_continuity >= 0
                                  ? &text->splice : nullptr;
  const double splice_x =
      splice ? std::clamp(o.splice_weight * (splice->a_continuity - splice->b_continuity), -o.splice_max, o.splice_max) : 0;
  // Where chrome or an off-topic splice is what one text adds, the containment and names/numbers
  // below would count those additions as the source's material, against the verdict the chrome
  // or splice test has just drawn from them (a copy plus a sign-off that names its site "has
  // names its source lacks"). They are left out then: over the six seeds of bench/quality,
  // direction on near-duplicates 0.888 -> 0.910 and root on the mixed corpora 0.883 -> 0.892.
  // The splice test explains them from the point where its verdict is worth saying.
  const bool splice_speaks = std::abs(splice_x) >= 0.2;
  const bool additions_explained = chrome_speaks || splice_speaks;

  // m is measured with a = parent, b = child. A derived text keeps part of its source's content
  // and adds little of its own, so its content is contained in the parent more than the reverse.
  // Between rewrites a small difference says nothing, and counts from 0.1 only: a rewrite brings
  // in words of its own (synonyms), which tips it towards the copy. Over the bench/quality
  // corpora (6 seeds) a difference below 0.13 pointed the right way for 34% of rewritten pairs
  // (1,081) but 64% of lightly edited verbatim copies (344), and any difference above 0.13 for 98%.
  // A verbatim copy reworded in places (shingle Jaccard below 0.6) is judged like a rewrite: its
  // rarer synonyms tip it the same way (a difference below 0.1 pointed the right way for 31% of
  // such pairs made by the paraphraser of bench/quality, 659); paraphrase direction 0.911 -> 0.918
  // and root 0.910 -> 0.918 over seeds 1-12, every other corpus within a family.
  double cont_child_in_parent = m.containment_ba, cont_parent_in_child = m.containment_ab;
  double asym = cont_child_in_parent - cont_parent_in_child;
  const bool unreworded = verbatim && m.jaccard >= 0.6;
  if (!additions_explained && (unreworded || std::abs(asym) >= 0.1)) {
    add(3.0 * asym, std::abs(asym) >= 0.02,
        [&] { return "child's content is " + Percent(cont_child_in_parent) + " contained in parent, parent's " +
            Percent(cont_parent_in_child) + " in child"; });
  }

  if (chrome_speaks) {
    add(boiler_child > 0 ? o.chrome_weight : -o.chrome_weight, true,
        [&] { return boiler_child > 0
            ? "child adds " + std::to_string(boiler_child) + " boilerplate line(s) seen across the corpus and no story"
            : "parent adds " + std::to_string(boiler_parent) + " boilerplate line(s) and no story to the child"; });
  }

  if (!additions_explained) {
    // Where the texts were read, figures are compared by their mentions (CompareFigures): as
    // distinct terms, 202 of the 744 copies with altered figures in the mixed corpora of
    // bench/quality (seeds 7-36) had a figure their source lacked and lacked none of its own;
    // their direction 0.891 -> 0.903, mixed root 1607 -> 1614 of 1800 (37-66: 1621 -> 1623).
    const bool figures_read = text && text->figures.a_only >= 0 && text->figures.b_only >= 0;
    int lost = SpecificsMissing(corpus, p, c, figures_read), gained = SpecificsMissing(corpus, c, p, figures_read);
    if (figures_read) lost += text->figures.a_only, gained += text->figures.b_only;
    if (lost != gained) {
      add(1.0 * (lost - gained) / (lost + gained + 2.0), true,
          [&] { return "names/numbers only in parent: " + std::to_string(lost) + ", only in child: " +
              std::to_string(gained); });
    }
  }

  // Phrasing says nothing where the splice test speaks: a splice's own wording is another
  // story's, as ordinary as any (on the spliced pairs of bench/quality it pointed the right way
  // 66% of the time). Mixed root 0.875 -> 0.883 on seeds 7-12, seeds 1-6 within one cluster.
  const PhrasingGap* phrasing = text ? &text->phrasing : nullptr;
  if (phrasing && phrasing->weight > 0 && !splice_speaks) {
    double x = std::clamp(o.phrasing_weight * phrasing->gap * phrasing->weight, -o.phrasing_max, o.phrasing_max);
    add(x, std::abs(x) >= 0.1,
        [&] { return std::string(x > 0 ? "child's own wording is rarer in the corpus than the parent's"
                          : "parent's own wording is rarer in the corpus than the child's") +
            " (" + std::to_string(phrasing->a_only) + " vs " + std::to_string(phrasing->b_only) +
            " word pairs of their own)"; });
  }

  if (splice) {
    add(splice_x, splice_speaks,
        [&] { return std::string(splice_x > 0 ? "child's own paragraphs are off the shared story's topic"
                          : "parent's own paragraphs are off the shared story's topic") +
            " (" + Percent(splice->b_continuity) + " of their words recur in it, parent's " +
            Percent(splice->a_continuity) + ")"; });
  }

  if (text && text->a_lead >= 0 && text->b_lead >= 0 && text->a_lead != text->b_lead) {
    double x = std::clamp(o.lead_weight * (text->a_lead - text->b_lead), -o.lead_max, o.lead_max);
    add(x, std::abs(x) >= 0.2,
        [&] { return "second paragraph follows on from the lead: parent " + Percent(text->a_lead) + " of its words, child " +
            Percent(text->b_lead); });
  }

  if (text && text->mentions.a_bare_first != text->mentions.b_bare_first) {
    const int net = text->mentions.b_bare_first - text->mentions.a_bare_first;
    double x = std::clamp(o.mention_weight * net, -o.mention_max, o.mention_max);
    add(x, true, [&] {
      return "names mentioned alone before they are introduced in full: parent " +
             std::to_string(text->mentions.a_bare_first) + ", child " + std::to_string(text->mentions.b_bare_first);
    });
  }

  if (verbatim && text && text->order.a_cohesion >= 0 && text->order.b_cohesion >= 0) {
    double x = std::clamp(o.order_weight * (text->order.a_cohesion - text->order.b_cohesion), -o.order_max, o.order_max);
    add(x, std::abs(x) >= 0.2, [&] {
      return "the paragraphs both hold follow on from each other better in the parent's order (" +
             Percent(text->order.a_cohesion) + " of their words shared by neighbours) than in the child's (" +
             Percent(text->order.b_cohesion) + ")";
    });
  }

  if (ip.quote_marks != ic.quote_marks) {
    double q = (static_cast<double>(ip.quote_marks) - ic.quote_marks) / (ip.quote_marks + ic.quote_marks + 2.0);
    add(1.0 * q, std::abs(q) >= 0.2,
        [&] { return "quotation marks: parent " + std::to_string(ip.quote_marks) + ", child " +
            std::to_string(ic.quote_marks); });
  }

  if (ip.tokens != ic.tokens) {
    double len = (static_cast<double>(ip.tokens) - ic.tokens) / (ip.tokens + ic.tokens);
    add(0.5 * len, std::abs(len) >= 0.1,
        [&] { return std::string(len > 0 ? "parent is longer (" : "parent is shorter (") +
            std::to_string(ip.tokens) + " vs " + std::to_string(ic.tokens) + " words)"; });
  }
  score += p < c ? 0.02 : -0.02;  // last resort: input order
  return score;
}

ClusterLineage BuildLineage(const Corpus& corpus, const std::vector<DocId>& members,
                            const LineageOptions& o, const ClusterTexts* texts) {
  // Identical texts: one representative (earliest date, then input order) carries the group.
  std::map<std::array<uint64_t, 2>, std::vector<DocId>> groups;
  for (DocId d : members) groups[corpus.info(d).exact_hash].push_back(d);
  std::vector<DocId> reps;
  std::vector<LineageEdge> edges;
  for (auto& [hash, docs] : groups) {
    // The representative is the first in input order of those no other copy is dated before
    // (CompareDates): found in one pass, since a group may hold a million copies.
    double first_time = std::numeric_limits<double>::infinity(), first_day = first_time;
    for (DocId d : docs) {
      const DocInfo& info = corpus.info(d);
      if (info.days == DocInfo::kNoDate) continue;
      if (info.timed) first_time = std::min(first_time, info.days);
      else first_day = std::min(first_day, info.days);
    }
    const bool any_date = first_time != std::numeric_limits<double>::infinity() ||
                          first_day != std::numeric_limits<double>::infinity();
    auto earliest = [&](DocId d) {
      const DocInfo& info = corpus.info(d);
      if (info.days == DocInfo::kNoDate) return !any_date;
      return info.timed ? info.days == first_time && std::floor(info.days) <= first_day
                        : info.days == first_day && info.days <= std::floor(first_time);
    };
    auto first = std::find_if(docs.begin(), docs.end(), earliest);
    std::rotate(docs.begin(), first, first + 1);
    reps.push_back(docs[0]);
  }
  std::sort(reps.begin(), reps.end());
  const size_t n = reps.size();
  const size_t size = members.size();
  // Up to max_exact_tree texts every ordered pair is needed (twice: originality and tree), so
  // measures and direction scores are kept; beyond that they are computed as needed.
  const bool exact_tree = n <= o.max_exact_tree;

  // Evidence read from the texts. Each distinct text's entry in `texts`, if it has one.
  std::vector<int> slot(n, -1);
  if (texts) {
    for (size_t i = 0; i < n; ++i) {
      DocId key = corpus.original_of(reps[i]);
      auto it = std::lower_bound(texts->docs.begin(), texts->docs.end(), key);
      if (it != texts->docs.end() && *it == key) slot[i] = static_cast<int>(it - texts->docs.begin());
    }
  }
  // Phrasing: each text's bigrams with their commonness in the texts outside every cluster.
  // What is idiomatic can only be read off enough of them (phrasing_min_words).
  std::vector<PhraseProfile> profiles(n);
  if (texts && texts->background && texts->background->outside_words >= o.phrasing_min_words) {
    for (size_t i = 0; i < n; ++i) {
      if (slot[i] < 0) continue;
      PhraseProfile& p = profiles[i];
      p.bigrams = texts->contents[slot[i]].bigrams;
      p.bigrams.erase(std::unique(p.bigrams.begin(), p.bigrams.end()), p.bigrams.end());
      std::vector<uint32_t> total = corpus.phrases().counts(p.bigrams);
      std::vector<uint32_t> clustered = texts->background->clustered.counts(p.bigrams);
      for (size_t k = 0; k < p.bigrams.size(); ++k)
        p.commonness.push_back(Log1p(total[k] > clustered[k] ? total[k] - clustered[k] : 0));
    }
  }
  // Paragraphs: profiled for the cluster once (indexed like `texts`), and each text's lead
  // continuity once, not per pair.
  std::vector<ParagraphProfile> paragraphs;
  std::vector<double> lead;
  if (texts) {
    std::vector<const Paragraphs*> all;
    for (const auto& content : texts->contents) {
      all.push_back(&content.paragraphs);
      lead.push_back(LeadContinuity(content.paragraphs));
    }
    paragraphs = ProfileParagraphs(all);
  }
  auto text_evidence = [&](size_t i, size_t j, const PairMeasures& m) {
    TextEvidence e;
    if (slot[i] < 0 || slot[j] < 0) return e;
    if (!profiles[i].bigrams.empty() && !profiles[j].bigrams.empty())
      e.phrasing = ComparePhrasing(profiles[i], profiles[j]);
    e.splice = CompareParagraphs(paragraphs[slot[i]], paragraphs[slot[j]]);
    e.a_lead = lead[slot[i]];
    e.b_lead = lead[slot[j]];
    e.mentions = CompareMentions(texts->contents[slot[i]].names, texts->contents[slot[j]].names);
    // Only verbatim copies' order is evidence (DirectionScore), and matching paragraphs costs.
    if (Verbatim(m)) e.order = CompareOrder(paragraphs[slot[i]], paragraphs[slot[j]]);
    const ClusterTexts::Content &ci = texts->contents[slot[i]], &cj = texts->contents[slot[j]];
    e.credits = CompareCredits(ci.site_names, ci.mentions, cj.site_names, cj.mentions);
    e.a_revision = texts->contents[slot[i]].revision;
    e.b_revision = texts->contents[slot[j]].revision;
    e.figures = CompareFigures(ci.figures, cj.figures);
    return e;
  };

  std::vector<PairMeasures> measures;
  std::vector<double> directions;
  if (exact_tree) {
    measures.resize(n * n);
    directions.resize(n * n);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j) {
        measures[i * n + j] = Measure(corpus, reps[i], reps[j]);
        measures[j * n + i] = measures[i * n + j].Swapped();
        // The text evidence of j -> i is that of i -> j seen from the other side.
        TextEvidence forward = text_evidence(i, j, measures[i * n + j]), backward = forward.Reversed();
        directions[i * n + j] = DirectionScore(corpus, reps[i], reps[j], measures[i * n + j], size, o, &forward, nullptr);
        directions[j * n + i] = DirectionScore(corpus, reps[j], reps[i], measures[j * n + i], size, o, &backward, nullptr);
      }
  }
  auto measure = [&](size_t i, size_t j) {
    return exact_tree ? measures[i * n + j] : Measure(corpus, reps[i], reps[j]);
  };
  auto direction = [&](size_t i, size_t j, const PairMeasures& m) {
    if (exact_tree) return directions[i * n + j];
    TextEvidence t = text_evidence(i, j, m);
    return DirectionScore(corpus, reps[i], reps[j], m, size, o, &t, nullptr);
  };
  // Edge weight i -> j: log P(direction) + closeness, less a penalty where the pair is not a
  // verified relation, plus the originality bias of the parent. Closeness counts one text lying
  // wholly inside the other (shingle containment) as fully close: that is the mark of a direct
  // copy with boilerplate added or a cut made, whose Jaccard the additions or the cut lower,
  // while a sibling that was also edited lacks it (direction on near-duplicates 0.826 -> 0.852
  // in bench/quality/RESULTS.md, 3 seeds).
  auto weight = [&](const PairMeasures& m, double dir, double parent_originality) {
    bool related = Classify(m, o.verify) != Relation::kNone;
    double closeness = std::max(Similarity(m), std::max(m.shingle_cont_ab, m.shingle_cont_ba));
    const double closeness_weight = Verbatim(m) ? o.similarity_weight : o.rewrite_similarity_weight;
    return std::log(Sigmoid(dir)) + closeness_weight * closeness - (related ? 0.0 : 2.0) +
           o.source_bias * parent_originality;
  };
  // Originality: how source-like each text looks against the others (mean probability that it
  // is the source, less one half). Where the evidence cannot tell a parent from an elder
  // sibling, it tips the choice towards the older layer of the tree, which is never wrong about
  // ancestry when the older layer is right. Large clusters compare against a fixed sample.
  const size_t sample_every = exact_tree ? 1 : (n + 63) / 64;
  std::vector<double> orig(n, 0);
  for (size_t i = 0; i < n; ++i) {
    size_t count = 0;
    for (size_t j = 0; j < n; j += sample_every) {
      if (j == i) continue;
      orig[i] += Sigmoid(direction(i, j, measure(i, j))) - 0.5;
      ++count;
    }
    if (count) orig[i] /= static_cast<double>(count);
  }
  std::vector<int> parent_of(n, -1);  // index into reps; -1 for the root
  std::optional<double> root_confidence;
  std::optional<DocId> alternative;
  if (exact_tree) {
    // Node 0 is the virtual root; reps[i] is node i + 1. Root edges carry a large penalty so
    // that exactly one is used: the tree has one original.
    constexpr double kRootPenalty = 1e6;
    std::vector<std::vector<double>> w(n + 1, std::vector<double>(n + 1, kNoEdge));
    for (size_t i = 0; i < n; ++i) {
      w[0][i + 1] = -kRootPenalty + o.root_bias * orig[i];
      for (size_t j = 0; j < n; ++j) {
        if (i == j) continue;
        PairMeasures m = measure(i, j);
        w[i + 1][j + 1] = weight(m, direction(i, j, m), orig[i]);
      }
    }
    std::vector<int> parent = n > 1 ? MaxArborescence(w) : std::vector<int>{-1, 0};
    for (size_t j = 0; j < n; ++j) parent_of[j] = parent[j + 1] - 1;
    if (n > 1) {
      // The runner-up: the best tree once the chosen original may not be one. Both trees use
      // exactly one root edge; its penalty is left out of their weights.
      auto tree_weight = [&](const std::vector<int>& p) {
        double sum = 0;
        for (size_t v = 1; v <= n; ++v) sum += p[v] == 0 ? w[0][v] + kRootPenalty : w[static_cast<size_t>(p[v])][v];
        return sum;
      };
      auto original_node = [](const std::vector<int>& p) {
        return static_cast<size_t>(std::find(p.begin() + 1, p.end(), 0) - p.begin());
      };
      const double best = tree_weight(parent);
      w[0][original_node(parent)] = kNoEdge;
      std::vector<int> other = MaxArborescence(w);
      root_confidence = Sigmoid(best - tree_weight(other));
      alternative = reps[original_node(other) - 1];
    }
  } else {
    // Too many distinct texts for the exact O(n^3) tree: rank them by originality and give each
    // the best parent among the root and the 64 texts ranked just above it. Parents always rank
    // higher, so the result is a tree.
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return orig[x] > orig[y]; });
    for (size_t k = 1; k < n; ++k) {
      size_t j = order[k];
      double best = -1e300;
      for (size_t c = k > 64 ? k - 64 : 0; c < k; ++c) {
        size_t i = order[c];
        PairMeasures m = measure(i, j);
        double w = weight(m, direction(i, j, m), orig[i]);
        if (w > best) best = w, parent_of[j] = static_cast<int>(i);
      }
      if (k > 64) {
        PairMeasures m = measure(order[0], j);
        if (weight(m, direction(order[0], j, m), orig[order[0]]) > best) parent_of[j] = static_cast<int>(order[0]);
      }
    }
  }
  std::vector<Regraft> regrafted(n);
  if (exact_tree && texts) {
    std::vector<RegraftText> regraft_texts(n);
    for (size_t i = 0; i < n; ++i) {
      if (slot[i] < 0) continue;
      RegraftText& t = regraft_texts[i];
      t.content = &texts->contents[slot[i]];
      t.story = t.content->bigrams;
      t.story.erase(std::unique(t.story.begin(), t.story.end()), t.story.end());
      t.junctions = t.content->sentences.junctions;
      std::sort(t.junctions.begin(), t.junctions.end());
      t.junctions.erase(std::unique(t.junctions.begin(), t.junctions.end()), t.junctions.end());
    }
    regrafted = RegraftOnInheritedChanges(
        regraft_texts, o, [&](size_t c, size_t s) { return directions[c * n + s] > directions[s * n + c]; },
        [&](size_t x, size_t y) {
          // Near-verbatim texts share many word 5-grams, rewrites few; texts that are neither
          // (two rewrites that merely share a source) are spared the merge of their bigrams.
          const PairMeasures& m = measures[x * n + y];
          if (std::max({m.jaccard, m.shingle_cont_ab, m.shingle_cont_ba}) >= 0.5) return Kin::kCopy;
          return Classify(m, o.verify) != Relation::kNone ? Kin::kRewrite : Kin::kNone;
        },
        &parent_of);
  }
  DocId root = reps[0];
  for (size_t j = 0; j < n; ++j) {
    if (parent_of[j] < 0) {
      root = reps[j];
      continue;
    }
    size_t i = static_cast<size_t>(parent_of[j]);
    PairMeasures m = measure(i, j);
    double forward = direction(i, j, m), backward = direction(j, i, measure(j, i));
    LineageEdge e{reps[i], reps[j], Classify(m, o.verify), Similarity(m),
                  Sigmoid((forward - backward) / 2), {}};
    if (e.relation == Relation::kNone) e.relation = Relation::kParaphrase;
    TextEvidence t = text_evidence(i, j, m);
    DirectionScore(corpus, reps[i], reps[j], m, size, o, &t, &e.evidence);
    if (regrafted[j].from >= 0) {
      const std::string& other = corpus.info(reps[static_cast<size_t>(regrafted[j].from)]).id;
      if (regrafted[j].up)
        e.evidence.push_back("child keeps " + std::to_string(regrafted[j].inherited) + " of parent's word pairs that " +
                             other + " changed and shares " + std::to_string(regrafted[j].shared) + " of " + other +
                             "'s changes to parent: made from parent, not from " + other);
      else
        e.evidence.push_back("child shares " + std::to_string(regrafted[j].inherited) + " of parent's changes to " +
                             other + " (word pairs " + other + " lacks): copied from parent, not from " + other);
    }
    if (e.evidence.empty()) e.evidence.push_back("no evidence either way; input order decided");
    edges.push_back(std::move(e));
  }
  // The other identical texts. A copy identical to the original hangs from it. One identical to
  // a derived text was either copied from it or made from the same parent the same way (two
  // sites cutting a story at one paragraph); nothing tells which, so it hangs from that parent,
  // which is its ancestor either way, and says whom it is identical to.
  for (const auto& [hash, docs] : groups) {
    const DocId rep = docs[0];
    const size_t j = static_cast<size_t>(std::lower_bound(reps.begin(), reps.end(), rep) - reps.begin());
    // Copies with the same date get the same edge: weighed once (a group may hold a million).
    // Only the dates differ between copies: what their text says is read once per group.
    absl::flat_hash_map<std::string, size_t> weighed;
    std::optional<TextEvidence> told;
    for (size_t k = 1; k < docs.size(); ++k) {
      const DocId copy = docs[k];
      if (parent_of[j] < 0) {
        const bool dated = CompareDates(corpus.info(rep), corpus.info(copy)) < 0;
        std::string why = dated ? "parent is dated earlier"
                                : rep < copy ? "no date tells them apart; first in input kept as parent"
                                             : "no date tells them apart";
        edges.push_back({rep, copy, Relation::kExact, 1.0, dated ? 0.9 : 0.5,
                         {"identical text after normalisation", std::move(why)}});
        continue;
      }
      auto [same, fresh] = weighed.try_emplace(corpus.info(copy).date, edges.size());
      if (!fresh) {
        LineageEdge e = edges[same->second];
        e.child = copy;
        edges.push_back(std::move(e));
        continue;
      }
      const size_t i = static_cast<size_t>(parent_of[j]);
      PairMeasures m = Measure(corpus, reps[i], copy);
      if (!told) told = text_evidence(i, j, m);  // the copy's text is the representative's
      const TextEvidence& t = *told;
      const TextEvidence back = t.Reversed();
      LineageEdge e{reps[i], copy, Classify(m, o.verify), Similarity(m), 0,
                    {"identical to " + corpus.info(rep).id + " (made from this parent alike, or copied from it)"}};
      const double forward = DirectionScore(corpus, reps[i], copy, m, size, o, &t, &e.evidence);
      const double backward = DirectionScore(corpus, copy, reps[i], m.Swapped(), size, o, &back, nullptr);
      e.confidence = Sigmoid((forward - backward) / 2);
      if (e.relation == Relation::kNone) e.relation = Relation::kParaphrase;
      edges.push_back(std::move(e));
    }
  }
  return {root, BreadthFirst(root, std::move(edges)), root_confidence, alternative};
}

}  // namespace copytrail
