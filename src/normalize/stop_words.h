#pragma once
// English function words: they carry no topic, so the paraphrase tier ignores them. The list is
// the classic SMART/NLTK core, folded as the normaliser folds (no apostrophes).
namespace copytrail {

inline constexpr const char* kStopWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "arent", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does",
    "doesnt", "doing", "dont", "down", "during", "each", "few", "for", "from", "further", "had",
    "hadnt", "has", "hasnt", "have", "havent", "having", "he", "hed", "hell", "her", "here",
    "heres", "hers", "herself", "him", "himself", "his", "how", "hows", "i", "id", "if", "ill",
    "im", "in", "into", "is", "isnt", "it", "its", "itself", "ive", "just", "lets", "may", "me",
    "might", "more", "most", "must", "mustnt", "my", "myself", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over",
    "own", "said", "same", "say", "says", "shall", "shant", "she", "shed", "shell", "should",
    "shouldnt", "so", "some", "such", "than", "that", "thats", "the", "their", "theirs", "them",
    "themselves", "then", "there", "theres", "these", "they", "theyd", "theyll", "theyre",
    "theyve", "this", "those", "through", "to", "too", "under", "until", "up", "upon",
    "very", "was", "wasnt", "we", "wed", "well", "were", "werent", "weve", "what", "whats", "when",
    "whens", "where", "wheres", "which", "while", "who", "whom", "whos", "why", "whys", "will",
    "with", "within", "without", "wont", "would", "wouldnt", "yet", "you", "youd", "youll", "your",
    "youre", "yours", "yourself", "yourselves", "youve", "mr", "mrs", "ms", "one", "two", "new",
    "however", "according", "would", "will", "since", "though", "although", "whether", "s", "t"};

}  // namespace copytrail
