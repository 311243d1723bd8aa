from unittest import TestCase

from onestop.common.masking import mask_id_number, mask_phone


class MaskingTests(TestCase):
    def test_id_numbers(self) -> None:
        for raw, masked in [
            ("110101199003074512", "110101********4512"),
            ("11010119900307451X", "110101********451X"),
            ("91110108MA01ABCD2X", "911101********CD2X"),  # 统一社会信用代码
            ("AB123456", "AB****56"),
            ("", ""),
        ]:
            with self.subTest(raw=raw):
                self.assertEqual(mask_id_number(raw), masked)

    def test_phones(self) -> None:
        for raw, masked in [
            ("13812345678", "138****5678"),
            ("0431-85166000", "*********6000"),
            ("", ""),
        ]:
            with self.subTest(raw=raw):
                self.assertEqual(mask_phone(raw), masked)
