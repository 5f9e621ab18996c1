"""The kiosk's own interface texts, per language (content texts live in the exhibit files)."""

from __future__ import annotations

import datetime as dt

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "back": "Back",
        "access": "Accessibility",
        "access_title": "Make the screen easier to use",
        "access_largeText": "Larger text",
        "access_highContrast": "High contrast",
        "access_reducedMotion": "Less movement",
        "access_captions": "Captions always on",
        "access_moreTime": "More time",
        "access_reach": "Controls within reach",
        "access_note": "These settings end when you leave the kiosk.",
        "close": "Close",
        "narration": "Audio guide (synthetic voice)",
        "testimony": "Testimony",
        "film": "Film",
        "play": "Play",
        "pause": "Pause",
        "captions": "Captions",
        "transcript": "Transcript",
        "story": "The campaign",
        "story_hint": "Twelve days and nights, day by day",
        "witnesses": "Witnesses",
        "witnesses_hint": "The people who lived through it",
        "quiz": "Quiz",
        "quiz_hint": "Test what you have learned",
        "language": "Language",
        "touch_to_begin": "Touch to begin",
        "still_there": "Are you still there?",
        "still_there_detail": "The kiosk will return to the start in",
        "seconds": "seconds",
        "im_here": "I'm still here",
        "prologue": "Before",
        "epilogue": "After",
        "day_of": "Day {n} of 12",
        "figures": "Key figures",
        "disputed": "The sources disagree",
        "source": "Source",
        "sources": "Sources",
        "linked_witnesses": "People of this day",
        "linked_days": "In the story",
        "quotes": "In their words",
        "paraphrase": "Reported, not verbatim",
        "verbatim": "Quotation",
        "born": "Born",
        "died": "Died",
        "unit": "Unit",
        "questions": "{n} questions",
        "start": "Start",
        "question_of": "Question {n} of {total}",
        "correct": "Correct!",
        "wrong": "Not quite",
        "right_answer": "The right answer is highlighted.",
        "next": "Next question",
        "see_results": "See my score",
        "results": "Your score",
        "score": "{score} of {total} correct",
        "try_again": "Try again",
        "other_quizzes": "Other quizzes",
        "result_great": "Excellent! You know this history well.",
        "result_good": "Well done! Explore the story to learn more.",
        "result_low": "The story section has all the answers. Have a look!",
        "pinch_hint": "Pinch or double-tap to zoom",
        "swipe_hint": "Swipe to move between days",
        "image_placeholder": "Image unavailable",
        "media_unavailable": "This recording cannot be played at the moment.",
        "choose_quiz": "Choose a quiz",
        "attract_hint": "Touch the screen to begin",
    },
    "vi": {
        "access": "Trợ năng",
        "access_title": "Giúp màn hình dễ dùng hơn",
        "access_largeText": "Chữ lớn hơn",
        "access_highContrast": "Tương phản cao",
        "access_reducedMotion": "Ít chuyển động",
        "access_captions": "Luôn hiện phụ đề",
        "access_moreTime": "Thêm thời gian",
        "access_reach": "Nút bấm trong tầm tay",
        "access_note": "Các thiết lập này kết thúc khi bạn rời máy.",
        "close": "Đóng",
        "narration": "Thuyết minh (giọng đọc tổng hợp)",
        "testimony": "Lời kể",
        "film": "Phim",
        "play": "Phát",
        "pause": "Tạm dừng",
        "captions": "Phụ đề",
        "transcript": "Toàn văn",
        "home": "Trang chủ",
        "back": "Quay lại",
        "story": "Chiến dịch",
        "story_hint": "12 ngày đêm, từng ngày một",
        "witnesses": "Nhân chứng",
        "witnesses_hint": "Những người đã trải qua",
        "quiz": "Câu đố",
        "quiz_hint": "Thử hiểu biết của bạn",
        "language": "Ngôn ngữ",
        "touch_to_begin": "Chạm để bắt đầu",
        "still_there": "Bạn vẫn ở đây chứ?",
        "still_there_detail": "Màn hình sẽ trở về trang đầu sau",
        "seconds": "giây",
        "im_here": "Tôi vẫn ở đây",
        "prologue": "Trước",
        "epilogue": "Sau",
        "day_of": "Ngày đêm thứ {n}/12",
        "figures": "Con số chính",
        "disputed": "Các nguồn chưa thống nhất",
        "source": "Nguồn",
        "sources": "Nguồn",
        "linked_witnesses": "Nhân chứng của ngày này",
        "linked_days": "Trong câu chuyện",
        "quotes": "Lời kể",
        "paraphrase": "Thuật lại, không phải nguyên văn",
        "verbatim": "Trích nguyên văn",
        "born": "Sinh",
        "died": "Mất",
        "unit": "Đơn vị",
        "questions": "{n} câu hỏi",
        "start": "Bắt đầu",
        "question_of": "Câu {n}/{total}",
        "correct": "Chính xác!",
        "wrong": "Chưa đúng",
        "right_answer": "Đáp án đúng được tô sáng.",
        "next": "Câu tiếp theo",
        "see_results": "Xem kết quả",
        "results": "Kết quả của bạn",
        "score": "Đúng {score}/{total} câu",
        "try_again": "Chơi lại",
        "other_quizzes": "Câu đố khác",
        "result_great": "Xuất sắc! Bạn rất hiểu lịch sử này.",
        "result_good": "Tốt lắm! Hãy xem thêm phần câu chuyện.",
        "result_low": "Phần câu chuyện có đủ mọi đáp án. Hãy cùng xem!",
        "pinch_hint": "Chụm hai ngón hoặc chạm hai lần để phóng to",
        "swipe_hint": "Vuốt để chuyển ngày",
        "image_placeholder": "Không có ảnh",
        "media_unavailable": "Hiện không phát được bản ghi này.",
        "choose_quiz": "Chọn một bộ câu đố",
        "attract_hint": "Chạm vào màn hình để bắt đầu",
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
