report-title = ລາຍງານ
report-link = ລາຍງານສຳລັບພິມຂອງເດືອນນີ້
report-back = ກັບໄປທີ່ແຜງຂໍ້ມູນ
report-print-hint = ພິມໜ້ານີ້ດ້ວຍໂປຣແກຣມທ່ອງເວັບຂອງທ່ານ (Ctrl+P); ໜ້ານີ້ພໍດີກັບເຈ້ຍ A4.
report-printed = ພິມເມື່ອ { $date }
