/* version.h — the jtsyq release, kept equal to default_version in jtsyq.control */
#ifndef JTSYQ_VERSION_H
#define JTSYQ_VERSION_H

#define JTSYQ_VERSION "1.0"

#endif
