// SPDX-License-Identifier: MIT
#include "consoleapp.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    return td::runConsole(app);
}
