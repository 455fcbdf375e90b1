#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "copytrail/normalizer.h"
#include "copytrail/phrases.h"

using namespace copytrail;

namespace {

NameMentions Mentions(const std::string& text) {
  AnalyzedText analyzed;
  Analyze(text, &analyzed);
  NameMentions names;
  ListNameMentions(text, analyzed, &names);
  return names;
}

}  // namespace

TEST_CASE("a name mentioned alone before its introduction is counted on that side", "[phrases]") {
  const std::string source = "The talks opened with Gordon Brown in the chair. Later officials told Brown no.";
  const std::string moved = "Later officials told Brown no. The talks opened with Gordon Brown in the chair.";
  MentionOrder order = CompareMentions(Mentions(source), Mentions(moved));
  CHECK(order.a_bare_first == 0);
  CHECK(order.b_bare_first == 1);
  MentionOrder reversed = CompareMentions(Mentions(moved), Mentions(source));
  CHECK(reversed.a_bare_first == 1);
  CHECK(reversed.b_bare_first == 0);
}

TEST_CASE("titles, function words and headlines in capitals introduce no name", "[phrases]") {
  // "Mr Brown" is how a later mention reads; "The" and "New" are function words; a headline in
  // capitals names nothing as a name.
  CHECK(Mentions("Officials told Mr Brown no. Then Brown left.").bare_first.empty());
  CHECK(Mentions("PM GORDON BROWN RESIGNS\n\nOfficials told Brown no.").bare_first.empty());
  NameMentions names = Mentions("Officials told Brown no. They met the Chancellor Brown later.");
  CHECK(names.bare_first.size() == 1);
}

TEST_CASE("an introduction wrapped over two lines still counts, one across paragraphs does not", "[phrases]") {
  CHECK(Mentions("Officials told Brown no. Talks were led by Gordon\nBrown later.").bare_first.size() == 1);
  CHECK(Mentions("Officials told Brown no. Talks were led by Gordon\n\nBrown later.").bare_first.empty());
}

namespace {

OrderCohesion Order(const std::string& a, const std::string& b) {
  AnalyzedText ta, tb;
  Analyze(a, &ta);
  Analyze(b, &tb);
  Paragraphs pa, pb;
  SplitParagraphs(a, ta, &pa);
  SplitParagraphs(b, tb, &pb);
  std::vector<ParagraphProfile> profiles = ProfileParagraphs({&pa, &pb});
  return CompareOrder(profiles[0], profiles[1]);
}

// Four paragraphs, each picking up words of the one before it.
const std::string kStory =
    "Harbour workers began a strike over pay at the northern docks on Monday morning.\n\n"
    "The strike halted cargo ships, and dock managers said the cargo backlog was growing fast.\n\n"
    "Dock managers offered talks on the backlog, but union leaders rejected the offer of talks.\n\n"
    "Union leaders said members would vote on whether to continue before the weekend.\n";
const std::string kShuffled =
    "Harbour workers began a strike over pay at the northern docks on Monday morning.\n\n"
    "Union leaders said members would vote on whether to continue before the weekend.\n\n"
    "The strike halted cargo ships, and dock managers said the cargo backlog was growing fast.\n\n"
    "Dock managers offered talks on the backlog, but union leaders rejected the offer of talks.\n";

}  // namespace

TEST_CASE("shuffled paragraphs follow on from each other less than their source's order", "[phrases]") {
  OrderCohesion order = Order(kStory, kShuffled);
  REQUIRE(order.a_cohesion >= 0);
  REQUIRE(order.b_cohesion >= 0);
  CHECK(order.a_cohesion > order.b_cohesion);
  OrderCohesion reversed = Order(kShuffled, kStory);
  CHECK(reversed.a_cohesion < reversed.b_cohesion);
}

TEST_CASE("texts that keep their shared paragraphs in one order give no order evidence", "[phrases]") {
  const std::string cut = kStory.substr(0, kStory.rfind("Union leaders said"));
  OrderCohesion same = Order(kStory, cut);
  CHECK(same.a_cohesion == -1);
  CHECK(same.b_cohesion == -1);
  OrderCohesion unrelated = Order(kStory, "One line.\n\nAnother line.\n\nA third line here.\n");
  CHECK(unrelated.a_cohesion == -1);
}

TEST_CASE("a paraphrase's paragraph order is no order evidence, only a shuffle of whole paragraphs is", "[phrases]") {
  // kShuffled with two words of every paragraph changed: about two thirds of its words kept.
  const std::string reworded =
      "Dock workers began a walkout over pay at the northern docks on Monday morning.\n\n"
      "Union chiefs said members would ballot on whether to continue before the weekend.\n\n"
      "The strike halted cargo vessels, and dock managers said the cargo backlog was growing quickly.\n\n"
      "Dock managers proposed talks on the backlog, but union leaders refused the offer of talks.\n";
  OrderCohesion order = Order(kStory, reworded);
  CHECK(order.a_cohesion == -1);
  CHECK(order.b_cohesion == -1);
}

namespace {

// A profile of distinct bigrams 1..n (ascending) from their commonness outside the cluster.
PhraseProfile Profile(uint64_t first, const std::vector<float>& commonness) {
  PhraseProfile p;
  for (size_t k = 0; k < commonness.size(); ++k) p.bigrams.push_back(first + k);
  p.commonness = commonness;
  return p;
}

}  // namespace

TEST_CASE("a rewrite's coined word pairs mark it even where its common connectives lift its mean", "[phrases]") {
  // Shared bigrams 100..101; the source's own are idiomatic, the rewrite's own are two coined
  // pairs found nowhere else and two very common ones ("at the", "it was").
  PhraseProfile source = Profile(1, {2.0f, 2.0f, 2.0f, 2.0f});
  PhraseProfile rewrite = Profile(10, {0.0f, 0.0f, 4.5f, 4.5f});
  for (PhraseProfile* p : {&source, &rewrite}) {
    p->bigrams.insert(p->bigrams.end(), {100, 101});
    p->commonness.insert(p->commonness.end(), {3.0f, 3.0f});
  }
  const PhrasingGap g = ComparePhrasing(source, rewrite);
  CHECK(g.a_only == 4);
  CHECK(g.b_only == 4);
  // Mean commonness alone reads the rewrite as the source (2.0 against 2.25).
  CHECK(g.gap > 0);
  CHECK(ComparePhrasing(rewrite, source).gap == Approx(-g.gap));
}

TEST_CASE("where neither text coins a word pair, the phrasing gap is the gap in mean commonness", "[phrases]") {
  const PhrasingGap g = ComparePhrasing(Profile(1, {3.0f, 1.0f}), Profile(10, {1.0f, 1.0f}));
  CHECK(g.gap == Approx(1.0));
  CHECK(g.weight == Approx(2.0 / 7.0));
}

namespace {

std::vector<uint32_t> Figures(const std::string& text) {
  AnalyzedText analyzed;
  Analyze(text, &analyzed);
  std::vector<uint32_t> figures;
  ListFigures(analyzed, &figures);
  return figures;
}

}  // namespace

TEST_CASE("figures: a changed mention of a repeated figure is a change on both sides, not a new figure", "[phrases]") {
  const auto source = Figures("Sales were 4,350 tonnes in 1986. The 4,350 tonnes went to Japan.");
  CHECK(source.size() == 3);  // 4,350 twice and 1986
  const FigureCounts mistyped = CompareFigures(source, Figures("Sales were 4,850 tonnes in 1986. The 4,350 tonnes went to Japan."));
  CHECK(mistyped.a_only == 1);
  CHECK(mistyped.b_only == 1);
  // A figure dropped with its sentence is the copy's loss alone.
  const FigureCounts cut = CompareFigures(source, Figures("Sales were 4,350 tonnes. The 4,350 tonnes went to Japan."));
  CHECK(cut.a_only == 1);
  CHECK(cut.b_only == 0);
  // A later version that repeats a figure and adds one has one figure of its own, not two.
  const FigureCounts fuller =
      CompareFigures(source, Figures("Sales were 4,350 tonnes in 1986, up 12 pct. The 4,350 tonnes, or 4,350 in all."));
  CHECK(fuller.a_only == 0);
  CHECK(fuller.b_only == 1);
  // Single digits are no specific figure.
  CHECK(Figures("Part 2 of 3, in 1986").size() == 1);
}
