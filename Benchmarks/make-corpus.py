#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic monthly reports for the benchmark.

Usage: make-corpus.py OUT_DIR [--files N] [--big] [--seed S]

Each report is 5-30 KB: a header table flattened to tabs, a title, sections I./1./a),
prose with breakdowns (some wrong on purpose), percentages, dates and ratios, a subscriber
table, typos the text rules catch, the Nơi nhận block and a signature. --big also writes one
20 MB report and one report whose body is a single 1 MB line.
"""
import argparse
import os
import random

PROVINCES = ["Hà Nam", "Lạng Sơn", "Yên Bái", "Cao Bằng", "Ninh Thuận", "Bắc Kạn", "Phú Yên", "Hậu Giang",
             "Kon Tum", "Sơn La", "Điện Biên", "Quảng Trị", "Tây Ninh", "Bạc Liêu", "Lào Cai", "Hòa Bình"]
SIGNERS = ["Trần Minh Khoa", "Hoàng Thị Mai", "Lê Văn Thành", "Nông Văn Sơn", "Phạm Thu Hà", "Lò Thị Hạnh"]
UNITS = ["hồ sơ", "thuê bao", "tin bài", "đơn vị", "chương trình"]
TOPICS = ["chuyển đổi số", "an toàn thông tin", "dịch vụ công trực tuyến", "hạ tầng viễn thông", "báo chí",
          "xuất bản", "thông tin cơ sở", "bưu chính", "chính quyền số", "kinh tế số"]
FILLER = [
    "Sở tiếp tục hướng dẫn các cơ quan, đơn vị triển khai {topic} theo kế hoạch của UBND tỉnh.",
    "Tổ chức tập huấn về {topic} cho {n} cán bộ, công chức cấp huyện và cấp xã.",
    "Phối hợp với các doanh nghiệp viễn thông bảo đảm thông tin liên lạc thông suốt phục vụ {topic}.",
    "Ngày {d}/{m}, Sở tổ chức hội nghị sơ kết {topic} với sự tham gia của {n} đại biểu.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt {p}%, tăng {q}% so với cùng kỳ năm trước.",
    "Mật độ thuê bao di động đạt {r} thuê bao/100 dân; {k}/{k2} xã có cáp quang đến trung tâm.",
    "Thực hiện Quyết định số {doc}/QĐ-UBND ngày {d}/{m}/2024 của UBND tỉnh về {topic}.",
    "Công thông tin điện tử của tỉnh đăng tải {n} tin, bài về {topic}.",
    "Hội đồng nhân dân và UBDN tỉnh đã cho ý kiến về dự thảo đề án {topic}.",
]


def vn(n):
    return f"{n:,}".replace(",", ".")


def breakdown(rng):
    unit = rng.choice(UNITS)
    parts = [rng.randint(20, 5000) for _ in range(rng.randint(2, 5))]
    total = sum(parts)
    if rng.random() < 0.1:
        total += rng.randint(1, 90)  # a real-world mistake
    labels = ["giải quyết đúng hạn", "quá hạn", "còn tồn", "trả lại", "chuyển kỳ sau"]
    body = ", ".join(f"{labels[i]} {vn(p)} {unit}" for i, p in enumerate(parts))
    return f"Tổng số {unit} tiếp nhận trong tháng là {vn(total)} {unit}, trong đó {body}."


def paragraph(rng):
    if rng.random() < 0.25:
        return breakdown(rng)
    template = rng.choice(FILLER)
    return template.format(topic=rng.choice(TOPICS), n=vn(rng.randint(5, 9000)), d=rng.randint(1, 28),
                           m=rng.randint(1, 12), p=f"{rng.randint(60, 99)},{rng.randint(0, 9)}",
                           q=f"{rng.randint(1, 9)},{rng.randint(0, 9)}", r=rng.randint(60, 160),
                           k=rng.randint(10, 20), k2=rng.randint(21, 30), doc=rng.randint(100, 3000))


def table(rng):
    rows = [("01", "ĐT cố định có dây"), ("02", "ĐT di động trả sau"), ("03", "ĐT di động trả trước"),
            ("04", "Internet xDSL"), ("05", "Internet cáp quang FTTH")]
    out = ["TT\tChỉ tiêu\tSố tăng trong kỳ\tHiện có"]
    sums = [0, 0]
    for code, label in rows:
        new, existing = rng.randint(10, 5000), rng.randint(1000, 900000)
        sums[0] += new
        sums[1] += existing
        out.append(f"{code}\t{label}\t{vn(new)}\t{vn(existing)}")
    out.append(f"Tổng cộng\t\t{vn(sums[0])}\t{vn(sums[1] + (7 if rng.random() < 0.1 else 0))}")
    return "\n".join(out)


def report(rng, target_bytes):
    province = rng.choice(PROVINCES)
    month = rng.randint(1, 11)
    lines = [
        f"UBND TỈNH {province.upper()}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\tĐộc lập - Tự do - Hạnh phúc",
        "",
        f"Số: {rng.randint(10, 400)}/BC-STTTT\t{province}, ngày {rng.randint(15, 28)} tháng {month} năm 2024",
        "",
        "BÁO CÁO",
        f"Kết quả công tác thông tin và truyền thông tháng {month}",
        f"và nhiệm vụ trọng tâm tháng {month + 1} năm 2024",
        "",
        f"I. KẾT QUẢ CÔNG TÁC THÁNG {month} NĂM 2024",
        "",
    ]
    section = 1
    while sum(len(l.encode()) + 1 for l in lines) < target_bytes:
        lines += [f"{section}. Về {rng.choice(TOPICS)}", ""]
        for _ in range(rng.randint(2, 6)):
            lines += [paragraph(rng), ""]
        if rng.random() < 0.3:
            lines += [table(rng), ""]
        section += 1
    lines += [f"II. NHIỆM VỤ TRỌNG TÂM THÁNG {month + 1} NĂM 2024", "",
              f"1. Tiếp tục triển khai {rng.choice(TOPICS)}.", "",
              "Nơi nhận:", "- Bộ Thông tin và Truyền thông;", "- UBND tỉnh;", "- Lưu: VT, KHTC.", "",
              "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", rng.choice(SIGNERS), ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--big", action="store_true")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.files):
        sub = os.path.join(args.out, f"d{i // 500:03d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"bao-cao-{i:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(report(rng, rng.randint(5_000, 30_000)))
    if args.big:
        with open(os.path.join(args.out, "..", "big-20mb.txt"), "w", encoding="utf-8") as f:
            f.write(report(rng, 20_000_000))
        one = report(rng, 1_000_000).split("\n")
        start = one.index("") + 10
        body = " ".join(l for l in one[start:-12] if l and "\t" not in l)
        with open(os.path.join(args.out, "..", "one-line-1mb.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(one[:start] + [body] + one[-12:]))
        with open(os.path.join(args.out, "..", "many-lines-1mb.txt"), "w", encoding="utf-8") as f:
            f.write(report(rng, 1_000_000))


if __name__ == "__main__":
    main()
