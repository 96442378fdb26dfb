# Included from tests/CMakeLists.txt.
td_add_test(cli.manners SOURCES manners/tst_manners.cpp
    ENV TD_CONSOLE_BIN=$<TARGET_FILE:tokendesk> TD_ADMIN_BIN=$<TARGET_FILE:tokendesk-admin>
        TD_SERVER_BIN=$<TARGET_FILE:tokendesk-server> TD_VERSION=${PROJECT_VERSION})
add_dependencies(cli.manners tokendesk tokendesk-admin tokendesk-server)
td_add_test(ui.accessibility SOURCES a11y/tst_accessibility.cpp a11y/a11ycheck.h
    LIBS tokendesk_ui ENV ${TD_NO_BUS} PROPERTIES TIMEOUT 300)
td_add_test(ui.look SOURCES a11y/tst_look.cpp LIBS tokendesk_ui ENV ${TD_NO_BUS} TD_LOOK=dark)
add_test(NAME ui.look.scale2 COMMAND ${TD_TEST_WRAPPER} $<TARGET_FILE:ui.look>)
set_tests_properties(ui.look.scale2 PROPERTIES ENVIRONMENT
    "QT_QPA_PLATFORM=offscreen;TD_BUILD_DIR=${CMAKE_BINARY_DIR};TD_TEST_BACKEND=sqlite;${TD_NO_BUS};TD_LOOK=scale2;QT_SCALE_FACTOR=2;${TD_LEAK_ENV};TD_TEST_NAME=ui.look.scale2"
    FIXTURES_REQUIRED leak)
# The real console through AT-SPI, as a screen reader sees it (tst_atspi.py): its own X server
# and session bus, Debian's at-spi2-core and python3-pyatspi (for /usr/bin/python3). Fails, never
# skips, when one of them is missing.
add_test(NAME ui.atspi
    COMMAND ${TD_TEST_WRAPPER} timeout 120 xvfb-run -a -s "-screen 0 1280x800x24"
        dbus-run-session -- /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/a11y/tst_atspi.py)
set_tests_properties(ui.atspi PROPERTIES
    ENVIRONMENT "TD_CONSOLE_BIN=$<TARGET_FILE:tokendesk>;TD_ADMIN_BIN=$<TARGET_FILE:tokendesk-admin>;${TD_LEAK_ENV};TD_TEST_NAME=ui.atspi"
    FIXTURES_REQUIRED leak TIMEOUT 180)
