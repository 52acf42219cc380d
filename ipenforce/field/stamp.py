"""The stamp of a photo taken on the spot — capture time, position with its accuracy, the officer — drawn on the
copy shown to people (pages, the phone). The stored original is never changed: its stamp is the FieldPhoto's own
fields, kept beside it, and the copy's last line names the original's hash so the two can be matched."""
import io
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from ipenforce.field.models import FieldPhoto

MAX_SIDE = 1600  # the copy is for looking at; the original keeps every pixel
# A font with Chinese glyphs (Debian: fonts-noto-cjk); settings.STAMP_FONT may name another one.
FONT_CANDIDATES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                   "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                   "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def stamp_lines(photo: FieldPhoto) -> list[str]:
    """What the stamp says, each fact with where it came from."""
    taken = timezone.localtime(photo.captured_at).strftime("%Y-%m-%d %H:%M:%S")
    if photo.latitude is not None:
        accuracy = f" ±{photo.accuracy_m}m" if photo.accuracy_m is not None else ""
        where = f"{photo.latitude:.6f}, {photo.longitude:.6f}{accuracy}（{photo.get_position_source_display()}）"
    else:
        where = _("未取得位置")
    officer = photo.created_by
    certificate = f"（{_('执法证号')} {officer.certificate_no}）" if officer.certificate_no else ""
    return [_("拍摄时间：%(t)s（%(s)s）") % {"t": taken, "s": photo.get_time_source_display()},
            _("位置：%(w)s") % {"w": where}, _("执法人员：%(o)s") % {"o": officer.display_name + certificate},
            _("原件 SHA-256：%(h)s…") % {"h": photo.stored.sha256[:16]}]


def _font(size: int):
    configured = getattr(settings, "STAMP_FONT", "") or ""
    for path in (configured, *FONT_CANDIDATES):
        if path and Path(path).exists():
            return ImageFont.truetype(path, size), True
    return ImageFont.load_default(size), False


def stamped_copy(photo: FieldPhoto) -> bytes:
    """A JPEG of the photo (turned as its EXIF says, at most MAX_SIDE pixels) with the stamp drawn on a band along
    its bottom. A photo the server cannot decode gets a plain panel with the stamp, saying so."""
    lines = stamp_lines(photo)
    try:
        with default_storage.open(photo.stored.storage_name, "rb") as handle:
            image = ImageOps.exif_transpose(Image.open(io.BytesIO(handle.read())))
            image = image.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        image = Image.new("RGB", (960, 540), (90, 90, 90))
        lines = [_("（原图无法在服务器上预览，请下载原件查看）"), *lines]
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    size = max(14, image.width // 36)
    font, has_chinese = _font(size)
    if not has_chinese:  # no font with Chinese glyphs on this server: the facts without the labels
        lines = [line.split("：", 1)[-1] for line in lines]
        lines = ["".join(c if ord(c) < 0x2E80 else " " for c in line) for line in lines]
    draw = ImageDraw.Draw(image, "RGBA")
    height = int(size * 1.35) * len(lines) + size
    draw.rectangle([(0, image.height - height), (image.width, image.height)], fill=(0, 0, 0, 150))
    y = image.height - height + size // 2
    for line in lines:
        draw.text((size // 2, y), line, font=font, fill=(255, 255, 255, 255))
        y += int(size * 1.35)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
