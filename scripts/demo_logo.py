"""Draw the demo company's logo: insurance_demo_cn/static/description/company_logo.png.

Usage: .venv/bin/python scripts/demo_logo.py   (needs Pillow and a CJK font, e.g. fonts-noto-cjk)
The insurer is fictional; the logo is a red shield with 瑞禾 and the company's short name.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
OUT = Path(__file__).resolve().parent.parent / "insurance_demo_cn/static/description/company_logo.png"
RED, GOLD, WHITE = (190, 22, 34), (232, 180, 60), (255, 255, 255)


def main():
    width, height = 720, 200
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    # a shield: a rounded top and a point at the bottom
    draw.rounded_rectangle((20, 14, 170, 120), radius=24, fill=RED)
    draw.polygon([(20, 96), (170, 96), (95, 188)], fill=RED)
    draw.line([(52, 150), (95, 176), (138, 150)], fill=GOLD, width=6)
    seal = ImageFont.truetype(FONT, 62)
    draw.text((95, 70), "瑞禾", font=seal, fill=WHITE, anchor="mm")
    name = ImageFont.truetype(FONT, 64)
    draw.text((196, 78), "瑞禾联合财险", font=name, fill=RED, anchor="lm")
    tagline = ImageFont.truetype(FONT, 26)
    draw.text((200, 148), "RUIHE UNITED P&C · 长沙中心支公司", font=tagline, fill=(90, 90, 90), anchor="lm")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(OUT, optimize=True)
    print(f"{OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
