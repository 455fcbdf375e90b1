#include <catch2/catch.hpp>

#include <set>
#include <string_view>

#include "copytrail/lineage.h"
#include "copytrail/pipeline.h"
#include "lineage/arborescence.h"
#include "support/test_support.h"

using namespace copytrail;
using copytrail::testing::Doc;
using copytrail::testing::RandomText;

namespace {

struct Family {
  ScanResult result;
  DocId Id(const std::string& name) const {
    for (DocId d = 0; d < result.corpus.size(); ++d)
      if (result.corpus.info(d).id == name) return d;
    FAIL("no document " << name);
    return 0;
  }
  // Parent of `child` in the first cluster's tree, or "" for the root.
  std::string ParentOf(const std::string& child) const {
    for (const auto& lin : result.lineages)
      for (const auto& e : lin.edges)
        if (result.corpus.info(e.child).id == child) return result.corpus.info(e.parent).id;
    return "";
  }
  // Whether the evidence of any edge of the first cluster's tree mentions `phrase`.
  bool EvidenceMentions(const std::string& phrase) const {
    for (const auto& e : result.lineages.at(0).edges)
      for (const auto& s : e.evidence)
        if (s.find(phrase) != std::string::npos) return true;
    return false;
  }
};

Family ScanFamily(std::vector<Document> docs, const ScanOptions& options = ScanOptions()) {
  for (int i = 0; i < 40; ++i) docs.push_back(Doc("noise" + std::to_string(i), RandomText(500 + i, 300)));
  auto source = MemorySource(std::move(docs));
  CountingReporter reporter;
  auto r = Scan(source.get(), options, &reporter);
  REQUIRE(r.ok());
  return {std::move(r.value())};
}

std::string StoryText(uint64_t seed, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += RandomText(seed * 100 + i, 60) + "\n\n";
  return out;
}

// The one-word sign-off every story of a wire ends with.
const std::string kSignoff = "Reuter\n";

// A wire story and a version of it, among eight other stories of the wire (texts from `seed` on).
Family ScanWireFamily(Document version, Document original, uint64_t seed) {
  std::vector<Document> docs = {std::move(version), std::move(original)};
  for (int i = 0; i < 8; ++i) docs.push_back(Doc("wire" + std::to_string(i), RandomText(seed + i, 200) + "\n\n" + kSignoff));
  return ScanFamily(docs);
}

}  // namespace

TEST_CASE("arborescence: best tree through a cycle", "[lineage]") {
  constexpr double x = kNoEdge;
  // 1 and 2 prefer each other (a cycle); the root must enter the cycle where it costs least.
  std::vector<std::vector<double>> w = {
      {x, -10, -12, x},
      {x, x, 5, 1},
      {x, 6, x, 2},
      {x, x, x, x},
  };
  auto parent = MaxArborescence(w);
  CHECK(parent[1] == 0);
  CHECK(parent[2] == 1);
  CHECK(parent[3] == 2);
}

TEST_CASE("truncated copies derive from the full text", "[lineage]") {
  std::string full = StoryText(1, 8);
  auto f = ScanFamily({Doc("trunc", full.substr(0, full.size() / 2)), Doc("full", full)});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.result.corpus.info(f.result.lineages[0].root).id == "full");
  CHECK(f.ParentOf("trunc") == "full");
}

TEST_CASE("copies identical to a derived text hang from its parent and say whom they match", "[lineage]") {
  // Two sites cut the story at the same paragraph, or one copied the other's cut: either way
  // the full story is an ancestor of both, and the tree says so.
  std::string full = StoryText(3, 8);
  std::string cut = full.substr(0, full.size() / 2);
  auto f = ScanFamily({Doc("full", full, "2024-01-01"), Doc("cut", cut, "2024-01-02"), Doc("same cut", cut, "2024-01-03")});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.result.corpus.info(f.result.lineages[0].root).id == "full");
  CHECK(f.ParentOf("cut") == "full");
  CHECK(f.ParentOf("same cut") == "full");
  CHECK(f.EvidenceMentions("identical to cut"));
}

TEST_CASE("boilerplate seen across the corpus marks the copy", "[lineage]") {
  const std::string chrome = "Subscribe to our newsletter for the latest headlines every day.\n\n";
  std::string story = StoryText(2, 6);
  std::vector<Document> docs = {Doc("copy", chrome + story), Doc("orig", story)};
  for (int i = 0; i < 5; ++i) docs.push_back(Doc("other" + std::to_string(i), chrome + RandomText(900 + i, 300)));
  auto f = ScanFamily(docs);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "orig");
}

TEST_CASE("boilerplate marks the copy that also edited a line of the story", "[lineage]") {
  // The copy's lines beyond the source's are the chrome and one edited line, whose original is
  // the one line the source has beyond the copy: chrome is still all the copy adds.
  const std::string chrome = "Subscribe to our newsletter for the latest headlines every day.\n\n";
  const std::string story = StoryText(3, 6);
  std::string edited = story;
  const size_t third = edited.find("\n\n", edited.find("\n\n") + 2) + 2;
  edited.insert(edited.find(' ', third + 20), " reportedly");
  std::vector<Document> docs = {Doc("copy", chrome + edited), Doc("orig", story)};
  for (int i = 0; i < 5; ++i) docs.push_back(Doc("other" + std::to_string(i), chrome + RandomText(910 + i, 300)));
  auto f = ScanFamily(docs);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "orig");
  CHECK(f.EvidenceMentions("child adds 1 boilerplate line(s) seen across the corpus and no story"));
}

TEST_CASE("a small difference in content says which is the copy between verbatim copies only", "[lineage]") {
  // Between verbatim copies a few words more in one version were more often cut from the other
  // than added; a rewrite brings in words of its own (synonyms), so between rewrites, and verbatim
  // copies reworded in places, a small difference says nothing, and only a large one (a cut, a
  // truncation) counts.
  auto f = ScanFamily({Doc("a", StoryText(11, 4)), Doc("b", StoryText(12, 4))});
  const Corpus& corpus = f.result.corpus;
  auto contained = [&](double jaccard, double shingle_containment, double content_ab, double content_ba) {
    PairMeasures m;
    m.jaccard = jaccard;
    m.shingle_cont_ab = m.shingle_cont_ba = shingle_containment;
    m.containment_ab = content_ab;
    m.containment_ba = content_ba;
    std::vector<std::string> evidence;
    DirectionScore(corpus, f.Id("a"), f.Id("b"), m, 2, LineageOptions(), nullptr, &evidence);
    for (const auto& e : evidence)
      if (e.find("contained in parent") != std::string::npos) return true;
    return false;
  };
  CHECK(contained(0.85, 0.9, 0.92, 0.97));        // verbatim, small difference
  CHECK_FALSE(contained(0.45, 0.6, 0.92, 0.97));  // verbatim but reworded in places
  CHECK_FALSE(contained(0.05, 0.1, 0.92, 0.97));  // rewritten, small difference
  CHECK(contained(0.05, 0.1, 0.6, 0.97));         // rewritten, large difference
}

TEST_CASE("a copy that mistypes one of two mentions of a figure has no figure its source lacks", "[lineage]") {
  // The story gives a figure twice; the copy changed its first mention. Counted as distinct
  // terms the copy would have a figure the story lacks and lack none of the story's, which reads
  // as the copy being the fuller, original text.
  const std::string story = StoryText(21, 2) + "Output reached 4,350 tonnes. " + StoryText(22, 2) +
                            "The 4,350 tonnes were shipped. " + StoryText(23, 2);
  std::string copy = story;
  copy.replace(copy.find("4,350"), 5, "4,850");
  auto f = ScanFamily({Doc("copy", copy), Doc("story", story)});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK_FALSE(f.EvidenceMentions("names/numbers only in"));
}

TEST_CASE("names and numbers in a copy's site chrome are not counted as material its source lacks", "[lineage]") {
  // The copier's sign-off names its site, an address and a phone number. That is what the chrome
  // test reads as the copier's addition; counting the same line again as "names only in the copy"
  // and "content the source lacks" would argue the other way from one piece of evidence.
  const std::string chrome = "Copyright 2024 Daily Planet Media Group, 355 Metro Plaza, Metropolis. Call 555 0199.\n";
  std::string story = StoryText(9, 6);
  std::vector<Document> docs = {Doc("copy", story + chrome), Doc("orig", story)};
  for (int i = 0; i < 5; ++i) docs.push_back(Doc("site" + std::to_string(i), RandomText(960 + i, 300) + "\n\n" + chrome));
  auto f = ScanFamily(docs);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "orig");
  CHECK(f.EvidenceMentions("boilerplate"));
  CHECK_FALSE(f.EvidenceMentions("names/numbers only"));
  CHECK_FALSE(f.EvidenceMentions("contained in parent"));
}

TEST_CASE("a source's sign-off that a copy dropped along with story text does not mark the source as the copy", "[lineage]") {
  // The original ends with a sign-off line most texts of the corpus carry; the copy cut a few
  // words of its middle and the sign-off. Only the cut tells the direction.
  std::string story = StoryText(8, 8);
  std::string copy = story;
  size_t from = copy.find(' ', copy.size() / 2);
  size_t to = from;
  for (int w = 0; w < 12; ++w) to = copy.find(' ', to + 1);
  copy.erase(from, to - from);
  auto f = ScanWireFamily(Doc("copy", copy), Doc("original", story + kSignoff), 950);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "original");
  CHECK_FALSE(f.EvidenceMentions("boilerplate"));
}

TEST_CASE("a re-issue that drops only the source's one-word sign-off is not taken for the source", "[lineage]") {
  // A wire's update drops the "Reuter" line every story of the wire ends with; the date is
  // right, and a bare sign-off is no site's chrome to weigh against it.
  std::string story = StoryText(13, 8);
  auto f = ScanWireFamily(Doc("reissue", story, "1987-03-02T09:52:30"),
                          Doc("original", story + kSignoff, "1987-03-01T21:57:51"), 970);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("reissue") == "original");
  CHECK_FALSE(f.EvidenceMentions("boilerplate"));
}

TEST_CASE("site chrome that is all a copy adds overrules a date that contradicts it", "[lineage]") {
  // The copy's date is a day before its source's (a feed's clock, a wrong time zone), but the
  // only lines it has beyond the source are a site's header and footer.
  const std::string header = "Advertisement. Continue reading the main story below.\n\n";
  const std::string footer = "\n\nRelated Posts\nSource link\nShares";
  std::string story = StoryText(14, 6);
  std::vector<Document> docs = {Doc("copy", header + story + footer, "2024-05-01"), Doc("orig", story, "2024-05-02")};
  for (int i = 0; i < 5; ++i) docs.push_back(Doc("site" + std::to_string(i), header + RandomText(980 + i, 300) + footer));
  auto f = ScanFamily(docs);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "orig");
  CHECK(f.EvidenceMentions("child adds 4 boilerplate line(s)"));
  CHECK(f.EvidenceMentions("against: parent is dated later"));
}

TEST_CASE("a copy that credits its source's site overrules a date that contradicts it", "[lineage]") {
  // The copy is dated a day before its source (a feed's clock) and adds nothing but a line
  // naming where it came from.
  std::string story = StoryText(16, 6);
  Document copy = Doc("copy", story + "\n\nSource: https://www.news.example/2024/05/story", "2024-05-01");
  copy.url = "https://farm.example/p/123";
  Document orig = Doc("orig", story, "2024-05-02");
  orig.url = "https://news.example/2024/05/story";
  auto f = ScanFamily({copy, orig});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "orig");
  CHECK(f.EvidenceMentions("child mentions parent's site or source (news.example)"));
  CHECK(f.EvidenceMentions("against: parent is dated later"));
  ScanOptions no_credits;
  no_credits.lineage.credit_weight = 0;
  CHECK(ScanFamily({copy, orig}, no_credits).ParentOf("orig") == "copy");

  // The same two texts where the source names its own site: the copy's mention is inherited,
  // and the date decides.
  copy.text = story + "\n\nnews.example";
  orig.text = story + "\n\nnews.example";
  orig.text.replace(orig.text.find(' '), 1, " also ");
  auto g = ScanFamily({copy, orig});
  REQUIRE(g.result.clusters.size() == 1);
  CHECK(g.ParentOf("orig") == "copy");
  CHECK_FALSE(g.EvidenceMentions("site or source"));
}

TEST_CASE("a credit to a site that two versions share credits neither", "[lineage]") {
  std::string story = StoryText(18, 6);
  auto edited = [&](const char* word) {
    std::string text = story;
    text.replace(text.find(' '), 1, std::string(" ") + word + " ");
    return text;
  };
  Document a = Doc("farm a", edited("also")), b = Doc("farm b", edited("now"));
  a.url = "https://farm.example/a";
  b.url = "https://farm.example/b";
  Document credited = Doc("credited", edited("still") + "\n\nSource: farm.example");
  auto f = ScanFamily({a, b, credited});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK_FALSE(f.EvidenceMentions("site or source"));
  // Its page's own address still names one of them.
  credited.text = edited("still") + "\n\nSource: farm.example/b";
  CHECK(ScanFamily({a, b, credited}).EvidenceMentions("child mentions parent's site or source (farm.example/b)"));
}

TEST_CASE("where nothing is dated the version that marks itself as a correction is the later one", "[lineage]") {
  // A wire's corrected re-issue: the same story under a slug, one figure changed.
  std::string story = StoryText(17, 6);
  std::string corrected = story;
  corrected.replace(corrected.find(' '), 1, " also ");
  auto f = ScanFamily({Doc("corrected", "CORRECTED - " + corrected), Doc("first", story)});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("corrected") == "first");
  CHECK(f.EvidenceMentions("child marks itself as a revision"));
  ScanOptions no_marks;
  no_marks.lineage.revision_weight = 0;
  CHECK(ScanFamily({Doc("corrected", "CORRECTED - " + corrected), Doc("first", story)}, no_marks).ParentOf("first") ==
        "corrected");
}

TEST_CASE("two sites' chrome around one story says nothing about which copied the other", "[lineage]") {
  // Each version adds only its own site's chrome, one a line and the other two: a count of
  // lines is no verdict.
  const std::string header_a = "Advertisement. Continue reading the main story below.\n\n";
  const std::string header_b = "Subscribe to our newsletter for the latest headlines every morning.\n\n";
  const std::string footer_b = "\n\nShare this article: Facebook Twitter Email. All rights reserved.";
  std::string story = StoryText(15, 6);
  std::vector<Document> docs = {Doc("site a", header_a + story), Doc("site b", header_b + story + footer_b)};
  for (int i = 0; i < 5; ++i) {
    docs.push_back(Doc("page a" + std::to_string(i), header_a + RandomText(990 + i, 300)));
    docs.push_back(Doc("page b" + std::to_string(i), header_b + RandomText(995 + i, 300) + footer_b));
  }
  auto f = ScanFamily(docs);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK_FALSE(f.EvidenceMentions("boilerplate"));
}

namespace {

// A story and the same story with one word inserted: little but dates tells them apart.
std::pair<std::string, std::string> StoryAndOneWordEdit() {
  std::string story = StoryText(3, 6);
  std::string edited = story;
  edited.replace(edited.find(' '), 1, " also ");
  return {story, edited};
}

}  // namespace

TEST_CASE("dates decide between otherwise symmetric versions", "[lineage]") {
  const auto [story, edited] = StoryAndOneWordEdit();
  auto f = ScanFamily({Doc("late", story, "2024-05-02T10:00:00"), Doc("early", edited, "2024-05-01")});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("late") == "early");
  const auto& e = f.result.lineages[0].edges.at(0);
  CHECK(e.confidence > 0.8);
  CHECK(f.EvidenceMentions("dated earlier"));
}

// A story and an edited copy that differ only in a few words, so that nothing but the wording
// can tell them apart: the copy swapped ten of the story's words for words no other text uses,
// while the word pairs it broke are common in the other texts of the corpus.
struct RewordedPair {
  std::vector<Document> docs;
  std::vector<std::string> coined;  // the copy's new words with their neighbours
  RewordedPair() {
    std::vector<std::string> words;
    std::string story = StoryText(7, 6), word;
    for (char c : story) {
      if (c == ' ' || c == '\n') {
        if (!word.empty()) words.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    }
    std::string copy = story;
    for (int k = 0; k < 10; ++k) {
      size_t i = 20 + 30 * static_cast<size_t>(k);  // inside a sentence, lower case
      copy.replace(copy.find(" " + words[i] + " "), words[i].size() + 2, " qqzv" + std::to_string(k) + " ");
      coined.push_back(words[i - 1] + " qqzv" + std::to_string(k) + " " + words[i + 1]);
      // Twenty texts use the pairs around the original word, among unrelated words.
      for (int t = 0; t < 2; ++t) {
        std::string usage = RandomText(700 + k * 10 + t, 40) + " " + words[i - 1] + " " + words[i] + " " +
                            words[i + 1] + " " + RandomText(800 + k * 10 + t, 40);
        docs.push_back(Doc("usage" + std::to_string(k) + "-" + std::to_string(t), usage));
      }
    }
    docs.insert(docs.begin(), {Doc("copy", copy), Doc("story", story)});
  }
};

TEST_CASE("the version whose wording the corpus shares is the source", "[lineage]") {
  ScanOptions options;
  options.lineage.phrasing_min_words = 1000;
  auto f = ScanFamily(RewordedPair().docs, options);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "story");
  CHECK(f.EvidenceMentions("wording is rarer"));
}

TEST_CASE("wording that copies elsewhere share is not the corpus's idiom", "[lineage]") {
  // Five other stories each have a copy that adds the first copy's new wording (as one rewriter's
  // idioms recur in every story it rewrote). Counted against the whole corpus, that wording would
  // be commoner than the word pairs the copy broke, and the copy would read as the source.
  ScanOptions options;
  options.lineage.phrasing_min_words = 1000;
  RewordedPair pair;
  std::string idioms;
  for (const std::string& phrase : pair.coined) idioms += phrase + ". ";
  for (int j = 0; j < 5; ++j) {
    const std::string story = StoryText(40 + static_cast<uint64_t>(j), 6);
    pair.docs.push_back(Doc("other" + std::to_string(j), story));
    pair.docs.push_back(Doc("other copy" + std::to_string(j), story + idioms + "\n"));
  }
  auto f = ScanFamily(pair.docs, options);
  REQUIRE(f.result.clusters.size() == 6);
  CHECK(f.ParentOf("copy") == "story");
}

TEST_CASE("phrasing is no evidence in a corpus too small to say what is common", "[lineage]") {
  ScanOptions options;
  options.lineage.phrasing_min_words = 1000000;
  auto f = ScanFamily(RewordedPair().docs, options);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK_FALSE(f.EvidenceMentions("wording"));
}

// A story on one topic (a small vocabulary) and a copy that keeps its first five paragraphs and
// ends with paragraphs of another story, as many as it cut.
struct SplicedPair {
  std::vector<std::string> other;
  std::vector<Document> docs;
  SplicedPair() {
    std::vector<std::string> story;
    for (int p = 0; p < 8; ++p) story.push_back(RandomText(40 + p, 60, 300));
    for (int p = 0; p < 3; ++p) other.push_back(RandomText(60 + p, 60, 5000));
    std::string original, copy;
    for (int p = 0; p < 8; ++p) original += story[p] + "\n\n";
    for (int p = 0; p < 5; ++p) copy += story[p] + "\n\n";
    for (int p = 0; p < 3; ++p) copy += other[p] + "\n\n";
    docs = {Doc("copy", copy), Doc("original", original)};
  }
};

TEST_CASE("the version with paragraphs off the story's topic spliced them in", "[lineage]") {
  auto f = ScanFamily(SplicedPair().docs);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "original");
  CHECK(f.EvidenceMentions("off the shared story's topic"));
}

TEST_CASE("the wording of spliced-in paragraphs is no evidence", "[lineage]") {
  // The other story's word pairs recur across the corpus while the paragraphs the copy cut use
  // rare ones: the copy's "own wording" is another story's, common or not.
  SplicedPair pair;
  std::vector<Document> docs = pair.docs;
  // Each usage text quotes a sentence-long stretch of the other story amid unrelated words.
  for (int p = 0; p < 3; ++p)
    for (int t = 0; t < 6; ++t) {
      const std::string& text = pair.other[static_cast<size_t>(p)];
      size_t from = text.find(' ', static_cast<size_t>(t) * text.size() / 7);
      size_t to = text.find(' ', from + 60);
      docs.push_back(Doc("usage" + std::to_string(p) + "-" + std::to_string(t),
                         RandomText(900 + 10 * p + t, 40) + text.substr(from, to - from) + " " +
                             RandomText(950 + 10 * p + t, 40)));
    }
  ScanOptions options;
  options.lineage.phrasing_min_words = 1000;
  auto f = ScanFamily(docs, options);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "original");
  CHECK(f.EvidenceMentions("off the shared story's topic"));
  CHECK_FALSE(f.EvidenceMentions("wording"));
}

TEST_CASE("the version whose second paragraph follows on from its lead is the source", "[lineage]") {
  // The lead and the paragraph after it share a vocabulary; the copy moved that paragraph to
  // the end. Nothing else tells the two apart.
  std::vector<std::string> paragraphs = {RandomText(70, 60, 150), RandomText(71, 60, 150)};
  for (int p = 0; p < 6; ++p) paragraphs.push_back(RandomText(72 + p, 60, 5000));
  std::string original, copy;
  for (const auto& p : paragraphs) original += p + "\n\n";
  copy += paragraphs[0] + "\n\n";
  for (size_t p = 2; p < paragraphs.size(); ++p) copy += paragraphs[p] + "\n\n";
  copy += paragraphs[1] + "\n\n";
  auto f = ScanFamily({Doc("copy", copy), Doc("original", original)});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "original");
  CHECK(f.EvidenceMentions("follows on from the lead"));
}

TEST_CASE("the version that introduces a name before mentioning it alone is the source", "[lineage]") {
  // The copy swapped the third paragraph, which introduces Gordon Brown, with the sixth, which
  // calls him Brown: the lead and the words are untouched, and the copy comes first in input.
  std::vector<std::string> paragraphs;
  for (int p = 0; p < 7; ++p) paragraphs.push_back(RandomText(90 + p, 60, 5000));
  paragraphs[2] += " Then talks opened as planned with Gordon Brown in the chair.";
  paragraphs[5] += " Then officials told Brown that the talks had failed.";
  std::string original, copy;
  for (const auto& p : paragraphs) original += p + "\n\n";
  std::swap(paragraphs[2], paragraphs[5]);
  for (const auto& p : paragraphs) copy += p + "\n\n";
  auto f = ScanFamily({Doc("copy", copy), Doc("original", original)});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "original");
  CHECK(f.EvidenceMentions("names mentioned alone before they are introduced in full: parent 0, child 1"));
}

TEST_CASE("every cluster is a tree with members - 1 edges and confidences in (0,1)", "[lineage]") {
  std::string s = StoryText(4, 10);
  auto f = ScanFamily({Doc("a", s), Doc("b", s.substr(0, s.size() * 3 / 4)), Doc("c", s.substr(0, s.size() / 2)),
                       Doc("d", "Read more at our site.\n\n" + s), Doc("e", s)});
  REQUIRE(f.result.clusters.size() == 1);
  const auto& lin = f.result.lineages[0];
  CHECK(lin.edges.size() == 4);
  std::set<DocId> children;
  for (const auto& e : lin.edges) {
    children.insert(e.child);
    CHECK(e.confidence > 0);
    CHECK(e.confidence < 1);
    CHECK_FALSE(e.evidence.empty());
  }
  CHECK(children.size() == 4);
  CHECK_FALSE(children.count(lin.root));
  CHECK(f.result.corpus.info(lin.root).id == "a");
}

namespace {

// `text` with every `every`-th word from `first` on replaced by a lower-case word of its own that
// starts with `mark` (an edit; neither a name nor a number).
std::string Edited(const std::string& text, size_t first, size_t every, const std::string& mark) {
  std::string out;
  size_t word = 0, start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    bool edit = word >= first && (word - first) % every == 0;
    std::string replacement = mark;
    for (size_t w = word; w > 0; w /= 26) replacement += static_cast<char>('a' + w % 26);
    out += edit ? replacement : text.substr(start, end - start);
    if (end < text.size()) out += ' ';
    start = end + 1;
    ++word;
  }
  return out;
}

// Scans a source, a copy of it and a sibling made from the source on its own (dated a day
// later), and a copy of the copy (two days later), and checks the tree they make: the dates tell
// the source from its copies, not which copy was made from which.
Family CheckCopyOfCopy(const std::string& source, const std::string& copy, const std::string& sibling,
                       const std::string& copy_of_copy) {
  auto f = ScanFamily({Doc("source", source, "2024-01-01"), Doc("copy", copy, "2024-01-02"),
                       Doc("sibling", sibling, "2024-01-02"), Doc("copy of copy", copy_of_copy, "2024-01-03")});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "source");
  CHECK(f.ParentOf("sibling") == "source");
  CHECK(f.ParentOf("copy of copy") == "copy");
  return f;
}

}  // namespace

TEST_CASE("a copy of a copy hangs from the copy whose edits it inherited", "[lineage]") {
  // The copy changed some words of the source; the copy of it has those changes and a few of
  // its own; the sibling has changes of its own only.
  const std::string source = StoryText(21, 8);
  const std::string copy = Edited(source, 5, 40, "fixex");
  Family f = CheckCopyOfCopy(source, copy, Edited(source, 17, 45, "otherex"), Edited(copy, 25, 60, "tweakex"));
  CHECK(f.EvidenceMentions("of parent's changes to source"));
}

TEST_CASE("a rewrite of a rewrite hangs from the rewrite whose own wording it kept", "[lineage]") {
  // Every fifth word reworded: the rewrite from the story, the rewrite of it keeping most of its
  // rewordings, the sibling from the story on its own. All three reworded the story's first
  // words alike, as rewriters do; those common rewordings say nothing about descent.
  const std::string story = StoryText(41, 8);
  const std::string rewrite = Edited(story, 2, 5, "rwa");
  CheckCopyOfCopy(story, rewrite, Edited(Edited(story, 3, 5, "rwc"), 2, 400, "rwa"), Edited(rewrite, 4, 9, "rwb"));
}

TEST_CASE("a copy made from the source beside another copy hangs from the source, by the changes it lacks", "[lineage]") {
  // Both copies changed words of the source, each its own. With closeness to the parent taken out
  // of the tree's weights, the dates alone would hang the later copy from the earlier one; that
  // it keeps the source's wording where the earlier copy changed it, and shares none of its
  // changes, puts it back under the source.
  ScanOptions options;
  options.lineage.similarity_weight = options.lineage.rewrite_similarity_weight = 0;
  options.lineage.source_bias = 0;
  const std::string source = StoryText(103, 8);
  auto f = ScanFamily({Doc("source", source, "2024-01-01"), Doc("first", Edited(source, 3, 40, "fixex"), "2024-01-02"),
                       Doc("second", Edited(source, 3, 50, "otherex"), "2024-01-03")},
                      options);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("first") == "source");
  CHECK(f.ParentOf("second") == "source");
  CHECK(f.EvidenceMentions("made from parent, not from first"));
}

TEST_CASE("two copies that splice in the same other story are not taken for a copy of a copy", "[lineage]") {
  // Both copies end with the same paragraphs of another story; one also cut the story's last
  // paragraph. Added material is not an edit one of them inherited from the other.
  auto paragraph = [](uint64_t seed) {  // ending with a full stop, as a paragraph does
    std::string text = RandomText(seed, 60);
    while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
    return text + ".";
  };
  std::vector<std::string> story, other;
  for (int p = 0; p < 8; ++p) story.push_back(paragraph(50 + p));
  for (int p = 0; p < 2; ++p) other.push_back(paragraph(60 + p));
  std::string original, spliced, cut_and_spliced;
  for (int p = 0; p < 8; ++p) original += story[p] + "\n\n";
  for (int p = 0; p < 8; ++p) spliced += story[p] + "\n\n";
  for (int p = 0; p < 7; ++p) cut_and_spliced += story[p] + "\n\n";
  for (const auto& p : other) spliced += p + "\n\n", cut_and_spliced += p + "\n\n";
  auto f = ScanFamily({Doc("original", original, "2024-01-01"), Doc("spliced", spliced, "2024-01-02"),
                       Doc("cut", cut_and_spliced, "2024-01-02")});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("spliced") == "original");
  CHECK(f.ParentOf("cut") == "original");
}

TEST_CASE("two copies that add one site's chrome are not taken for a copy of a copy", "[lineage]") {
  // Both copies were made from the story on the same site: one got its footer, the other its
  // header and footer. The footer they share is no change to the story that one inherited.
  const std::string header = "Breaking: stay informed with live updates from our newsroom, all day.\n\n";
  const std::string footer = "\n\nTags: news, world, business. Comments are closed for this article.";
  const std::string story = StoryText(31, 8);
  std::vector<Document> docs = {Doc("story", story, "2024-01-01"), Doc("footer", story + footer, "2024-01-02"),
                                Doc("both", header + story + footer, "2024-01-02")};
  for (int i = 0; i < 5; ++i) docs.push_back(Doc("site" + std::to_string(i), header + RandomText(950 + i, 300) + footer));
  auto f = ScanFamily(docs);
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("footer") == "story");
  CHECK(f.ParentOf("both") == "story");
}

TEST_CASE("large clusters get a ranked tree that still spans every member", "[lineage]") {
  std::string s = StoryText(6, 12);
  std::vector<Document> docs = {Doc("full", s)};
  for (int k = 1; k <= 6; ++k)
    docs.push_back(Doc("cut" + std::to_string(k), s.substr(0, s.size() * (12 - k) / 12)));
  auto f = ScanFamily(docs);
  REQUIRE(f.result.clusters.size() == 1);
  LineageOptions options;
  options.max_exact_tree = 3;  // force the ranked tree
  ClusterLineage lin = BuildLineage(f.result.corpus, f.result.clusters[0], options);
  CHECK(f.result.corpus.info(lin.root).id == "full");
  REQUIRE(lin.edges.size() == 6);
  std::set<DocId> children;
  for (const auto& e : lin.edges) children.insert(e.child);
  CHECK(children.size() == 6);
  CHECK_FALSE(children.count(lin.root));
}

namespace {

// ParseDate's days, or DocInfo::kNoDate where it does not read all of the text.
double Days(std::string_view text) {
  double days = DocInfo::kNoDate;
  bool timed = false;
  return ParseDate(text, &days, &timed) == DateRead::kRead ? days : DocInfo::kNoDate;
}

DocInfo Dated(std::string_view text) {
  DocInfo info;
  ParseDate(text, &info.days, &info.timed);
  return info;
}

}  // namespace

TEST_CASE("dates: ISO 8601 forms become comparable days", "[lineage]") {
  CHECK(Days("1970-01-02") == 1.0);
  CHECK(Days("2025-03-01T12:00:00") - Days("2025-02-28") == 1.5);  // no leap day
  CHECK(Days("2024-03-01") - Days("2024-02-28") == 2.0);           // leap day
  CHECK(Days("2025-11-23T10:00:00Z") == Days("2025-11-23T10:00:00"));
  CHECK(Days("2025-11-23 10:00") == Days("2025-11-23T10:00:00.250"));
  CHECK(Days(" 2025-11-23T10:00:00 UTC ") == Days("2025-11-23T10:00:00"));
  // Offsets are moved to UTC: 10:00 in UTC+05:30 is 04:30 UTC.
  CHECK(Days("2025-11-23T10:00:00+05:30") == Days("2025-11-23T04:30:00Z"));
  CHECK(Days("2025-11-23T01:00-0300") == Days("2025-11-23T04:00Z"));
  CHECK(Days("2025-11-23T10:00:00+05") == Days("2025-11-23T05:00:00"));
  for (const char* bad : {"23/11/2025", "yesterday", "March 3, 2021", "2025-02-30", "2025-13-01", "2025-1-3", ""})
    CHECK(Days(bad) == DocInfo::kNoDate);
  // A real day followed by something that is not a time keeps the day, without a time.
  for (const char* day_only : {"2025-02-03Tab:cd:ef", "2025-02-03T24:00", "2025-02-03T10:00:00+5",
                               "2025-02-03T10:00:00 CET", "2025-02-03x", "1987-03-31T605:12:19"}) {
    double days = 0;
    bool timed = true;
    CHECK(ParseDate(day_only, &days, &timed) == DateRead::kDayOnly);
    CHECK(days == Days(std::string_view(day_only).substr(0, 10)));
    CHECK_FALSE(timed);
  }
}

TEST_CASE("dates: RSS (RFC 2822) and Unix times read as the same instants", "[lineage]") {
  CHECK(Days("Tue, 25 Nov 2025 10:00:00 GMT") == Days("2025-11-25T10:00:00Z"));
  CHECK(Days("25 Nov 2025 10:00:00 +0530") == Days("2025-11-25T04:30:00Z"));
  CHECK(Days("Wed, 5 mar 2025 07:15 EST") == Days("2025-03-05T12:15:00Z"));
  CHECK(Days("Tue, 25 Nov 2025 10:00:00") == Days("2025-11-25T10:00:00"));
  CHECK(Days("1 Feb 2024") == Days("2024-02-01"));
  CHECK(Days("1764064800") == Days("2025-11-25T10:00:00Z"));       // Unix seconds
  CHECK(Days("1764064800000") == Days("2025-11-25T10:00:00Z"));    // milliseconds
  CHECK(Days("1764064800.5") == Days("2025-11-25T10:00:00Z"));    // a fraction is read past, as in ISO
  for (const char* bad : {"Tue, 31 Nov 2025 10:00:00 GMT", "25 Novem 2025", "Tuesday, 25 Nov 2025", "176406480",
                          "17640648000", "1764064800.", "1764064800000.5"})
    CHECK(Days(bad) == DocInfo::kNoDate);
  double days = 0;
  bool timed = true;
  CHECK(ParseDate("Tue, 25 Nov 2025 10:00:00 CET", &days, &timed) == DateRead::kDayOnly);
  CHECK(days == Days("2025-11-25"));
  CHECK_FALSE(timed);
}

TEST_CASE("dates: a day without a time does not order against a time that day", "[lineage]") {
  CHECK(CompareDates(Dated("2025-11-23"), Dated("2025-11-23T08:00:00")) == 0);
  CHECK(CompareDates(Dated("2025-11-22"), Dated("2025-11-23T08:00:00")) == -1);
  CHECK(CompareDates(Dated("2025-11-23T09:00:00"), Dated("2025-11-23T08:00:00")) == 1);
  // The same instant in two zones.
  CHECK(CompareDates(Dated("2025-11-23T09:00:00+01:00"), Dated("2025-11-23T08:00:00Z")) == 0);
  CHECK(CompareDates(Dated("2025-11-23"), DocInfo()) == 0);
}

TEST_CASE("dates in different zones order copies by the instant", "[lineage]") {
  std::string story = StoryText(5, 6);
  // Identical texts: 10:00 in UTC+05:00 is 05:00 UTC, an hour before the copy stamped 06:00Z,
  // though "10:00" sorts after "06:00" as text.
  auto f = ScanFamily({Doc("copy", story, "2024-05-01T06:00:00Z"), Doc("first", story, "2024-05-01T10:00:00+05:00")});
  REQUIRE(f.result.clusters.size() == 1);
  CHECK(f.ParentOf("copy") == "first");
  CHECK(f.EvidenceMentions("dated earlier"));

  // A day given without a time says nothing against a time on that day: input order decides.
  auto g = ScanFamily({Doc("timed", story, "2024-05-01T06:00:00Z"), Doc("day", story, "2024-05-01")});
  CHECK(g.ParentOf("day") == "timed");
  CHECK(g.EvidenceMentions("no date tells them apart"));
}

TEST_CASE("the root's confidence weighs it against the best tree with another original", "[lineage]") {
  const auto [story, edited] = StoryAndOneWordEdit();

  auto dated = ScanFamily({Doc("late", story, "2024-05-02T10:00:00"), Doc("early", edited, "2024-05-01")});
  REQUIRE(dated.result.clusters.size() == 1);
  const ClusterLineage& sure = dated.result.lineages[0];
  CHECK(dated.result.corpus.info(sure.root).id == "early");
  REQUIRE(sure.root_confidence);
  CHECK(*sure.root_confidence > 0.8);
  REQUIRE(sure.root_alternative);
  CHECK(dated.result.corpus.info(*sure.root_alternative).id == "late");

  // Undated, one inserted word is all that tells the two apart: far less sure than with dates.
  auto undated = ScanFamily({Doc("a", story), Doc("b", edited)});
  REQUIRE(undated.result.clusters.size() == 1);
  const ClusterLineage& unsure = undated.result.lineages[0];
  REQUIRE(unsure.root_confidence);
  CHECK(*unsure.root_confidence >= 0.5);
  CHECK(*unsure.root_confidence < *sure.root_confidence);
  CHECK(*unsure.root_alternative != unsure.root);

  // Copies of one text leave nothing to weigh.
  auto copies = ScanFamily({Doc("x", story), Doc("y", story)});
  REQUIRE(copies.result.clusters.size() == 1);
  CHECK_FALSE(copies.result.lineages[0].root_confidence);
  CHECK_FALSE(copies.result.lineages[0].root_alternative);
}
