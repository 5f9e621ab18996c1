"""The kiosk's own interface texts, per language (content texts live in the exhibit files)."""

from __future__ import annotations

import datetime as dt

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "back": "Back",
        "access": "Accessibility",
        "accessTitle": "Make the screen easier to use",
        "accessLargeText": "Larger text",
        "accessHighContrast": "High contrast",
        "accessReducedMotion": "Less movement",
        "accessCaptions": "Captions always on",
        "accessMoreTime": "More time",
        "accessReach": "Controls within reach",
        "accessNote": "These settings end when you leave the kiosk.",
        "close": "Close",
        "narration": "Audio guide",
        "narrationSynthetic": "Audio guide (synthetic voice)",
        "testimony": "Testimony",
        "film": "Film",
        "play": "Play",
        "pause": "Pause",
        "captions": "Captions",
        "transcript": "Transcript",
        "story": "The campaign",
        "storyHint": "Twelve days and nights, day by day",
        "witnesses": "Witnesses",
        "witnessesHint": "The people who lived through it",
        "quiz": "Quiz",
        "quizHint": "Test what you have learned",
        "language": "Language",
        "touchToBegin": "Touch to begin",
        "stillThere": "Are you still there?",
        "stillThereDetail": "The kiosk will return to the start in",
        "seconds": "seconds",
        "imHere": "I'm still here",
        "prologue": "Before",
        "epilogue": "After",
        "dayOf": "Day {n} of 12",
        "figures": "Key figures",
        "disputed": "The sources disagree",
        "source": "Source",
        "sources": "Sources",
        "citedFor": "Cited for: {uses}",
        "citedForText": "the text",
        "citedForFigures": "the figures",
        "citedForQuotes": "the quotations",
        "linkedWitnesses": "People of this day",
        "linkedDays": "In the story",
        "quotes": "In their words",
        "paraphrase": "Reported, not verbatim",
        "verbatim": "Quotation",
        "verbatimTranslated": "Quotation, translated from {language}",
        "verbatimFromEn": "Quotation, translated from English",
        "verbatimFromVi": "Quotation, translated from Vietnamese",
        "born": "Born",
        "died": "Died",
        "unit": "Unit",
        "questions": "{n} questions",
        "start": "Start",
        "questionOf": "Question {n} of {total}",
        "correct": "Correct!",
        "wrong": "Not quite",
        "rightAnswer": "The right answer is highlighted.",
        "next": "Next question",
        "seeResults": "See my score",
        "results": "Your score",
        "score": "{score} of {total} correct",
        "tryAgain": "Try again",
        "otherQuizzes": "Other quizzes",
        "resultGreat": "Excellent! You know this history well.",
        "resultGood": "Well done! Explore the story to learn more.",
        "resultLow": "The story section has all the answers. Have a look!",
        "pinchHint": "Pinch or double-tap to zoom",
        "swipeHint": "Swipe to move between days",
        "imagePlaceholder": "Image unavailable",
        "chooseQuiz": "Choose a quiz",
        "attractHint": "Touch the screen to begin",
        "mediaUnavailable": "This recording cannot be played at the moment.",
    },
    "vi": {
        "access": "Trợ năng",
        "accessTitle": "Giúp màn hình dễ dùng hơn",
        "accessLargeText": "Chữ lớn hơn",
        "accessHighContrast": "Tương phản cao",
        "accessReducedMotion": "Ít chuyển động",
        "accessCaptions": "Luôn hiện phụ đề",
        "accessMoreTime": "Thêm thời gian",
        "accessReach": "Nút bấm trong tầm tay",
        "accessNote": "Các thiết lập này kết thúc khi bạn rời máy.",
        "close": "Đóng",
        "narration": "Thuyết minh",
        "narrationSynthetic": "Thuyết minh (giọng đọc tổng hợp)",
        "testimony": "Lời kể",
        "film": "Phim",
        "play": "Phát",
        "pause": "Tạm dừng",
        "captions": "Phụ đề",
        "transcript": "Toàn văn",
        "home": "Trang chủ",
        "back": "Quay lại",
        "story": "Chiến dịch",
        "storyHint": "12 ngày đêm, từng ngày một",
        "witnesses": "Nhân chứng",
        "witnessesHint": "Những người đã trải qua",
        "quiz": "Câu đố",
        "quizHint": "Thử hiểu biết của bạn",
        "language": "Ngôn ngữ",
        "touchToBegin": "Chạm để bắt đầu",
        "stillThere": "Bạn vẫn ở đây chứ?",
        "stillThereDetail": "Màn hình sẽ trở về trang đầu sau",
        "seconds": "giây",
        "imHere": "Tôi vẫn ở đây",
        "prologue": "Trước",
        "epilogue": "Sau",
        "dayOf": "Ngày đêm thứ {n}/12",
        "figures": "Con số chính",
        "disputed": "Các nguồn chưa thống nhất",
        "source": "Nguồn",
        "sources": "Nguồn",
        "citedFor": "Trích dẫn cho: {uses}",
        "citedForText": "phần bài viết",
        "citedForFigures": "các con số",
        "citedForQuotes": "các lời kể",
        "linkedWitnesses": "Nhân chứng của ngày này",
        "linkedDays": "Trong câu chuyện",
        "quotes": "Lời kể",
        "paraphrase": "Thuật lại, không phải nguyên văn",
        "verbatim": "Trích nguyên văn",
        "verbatimTranslated": "Trích nguyên văn, dịch từ {language}",
        "verbatimFromEn": "Trích nguyên văn, dịch từ tiếng Anh",
        "verbatimFromVi": "Trích nguyên văn, dịch từ tiếng Việt",
        "born": "Sinh",
        "died": "Mất",
        "unit": "Đơn vị",
        "questions": "{n} câu hỏi",
        "start": "Bắt đầu",
        "questionOf": "Câu {n}/{total}",
        "correct": "Chính xác!",
        "wrong": "Chưa đúng",
        "rightAnswer": "Đáp án đúng được tô sáng.",
        "next": "Câu tiếp theo",
        "seeResults": "Xem kết quả",
        "results": "Kết quả của bạn",
        "score": "Đúng {score}/{total} câu",
        "tryAgain": "Chơi lại",
        "otherQuizzes": "Câu đố khác",
        "resultGreat": "Xuất sắc! Bạn rất hiểu lịch sử này.",
        "resultGood": "Tốt lắm! Hãy xem thêm phần câu chuyện.",
        "resultLow": "Phần câu chuyện có đủ mọi đáp án. Hãy cùng xem!",
        "pinchHint": "Chụm hai ngón hoặc chạm hai lần để phóng to",
        "swipeHint": "Vuốt để chuyển ngày",
        "imagePlaceholder": "Không có ảnh",
        "chooseQuiz": "Chọn một bộ câu đố",
        "attractHint": "Chạm vào màn hình để bắt đầu",
        "mediaUnavailable": "Hiện không phát được bản ghi này.",
    },
}

LANGUAGE_LABELS = {"vi": "Tiếng Việt", "en": "English", "fr": "Français", "de": "Deutsch", "zh": "中文",
                   "ja": "日本語", "ko": "한국어", "ru": "Русский", "es": "Español"}

_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]


def strings(lang: str) -> dict[str, str]:
    """Interface texts for *lang*, English where a text is missing."""
    return {**STRINGS["en"], **STRINGS.get(lang, {})}


def format_date(date: dt.date, lang: str, with_year: bool = True) -> str:
    if lang == "vi":
        text = f"{date.day} tháng {date.month}"
        return f"{text} năm {date.year}" if with_year else text
    text = f"{date.day} {_MONTHS_EN[date.month - 1]}"
    return f"{text} {date.year}" if with_year else text


def format_range(start: dt.date, end: dt.date | None, lang: str) -> str:
    if end is None or end == start:
        return format_date(start, lang)
    if start.year == end.year:
        if start.month == end.month:
            return (f"{start.day}–{end.day} tháng {start.month} năm {start.year}" if lang == "vi"
                    else f"{start.day}–{end.day} {_MONTHS_EN[start.month - 1]} {start.year}")
        return f"{format_date(start, lang, False)} – {format_date(end, lang)}"
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def short_date(start: dt.date, end: dt.date | None = None) -> str:
    """Language-neutral short form for the day strip: 18.12 or 13–17.12."""
    if end is None or end == start:
        return f"{start.day}.{start.month}"
    if start.month == end.month:
        return f"{start.day}–{end.day}.{start.month}"
    return f"{start.day}.{start.month}–{end.day}.{end.month}"
