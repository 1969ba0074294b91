/**
 * Generated from the server's OpenAPI document by `npm run api-types` (scripts/api-types.ts).
 * Do not edit: change the route schemas under src/modules and regenerate.
 */

export type paths = {
    "/api/v1/attendance-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    active?: boolean;
                    companyId: number;
                    kind?: "fixed" | "roster" | "free";
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                companyId: number;
                                /** @description free groups (自由工时): each day runs from dayStartsAt to dayStartsAt the next day, first punch in, last punch out; a workday worked below requiredMinutes is early leave by the shortfall (0 = no requirement) */
                                freeHours: {
                                    dayStartsAt: string;
                                    requiredMinutes: number;
                                } | null;
                                holidayCalendarId: number | null;
                                id: number;
                                kind: "fixed" | "roster" | "free";
                                /** @description in lists: active employees the group applies to today */
                                memberCount?: number;
                                name: string;
                                policy: {
                                    corrections: {
                                        deadlineDays: number;
                                        quotaPerMonth: number;
                                    };
                                    dedupeWindowSec: number;
                                    minInOutGapMin: number;
                                    overtime: {
                                        /** @description manager: overtime requests wait for approval; auto: approved on filing */
                                        approvalMode: "manager" | "auto";
                                        holiday: {
                                            breakWindow: {
                                                end: string;
                                                start: string;
                                            } | null;
                                            capMin: number | null;
                                            enabled: boolean;
                                            minMin: number;
                                            unitMin: number;
                                        };
                                        payMultiplier: {
                                            holiday: number;
                                            restday: number;
                                            workday: number;
                                        };
                                        restday: {
                                            breakWindow: {
                                                end: string;
                                                start: string;
                                            } | null;
                                            capMin: number | null;
                                            enabled: boolean;
                                            minMin: number;
                                            unitMin: number;
                                        };
                                        workday: {
                                            capMin: number | null;
                                            enabled: boolean;
                                            minMin: number;
                                            requiresApproval: boolean;
                                            startAfterMin: number;
                                            unitMin: number;
                                        };
                                    };
                                    pairing: "first_last" | "pairs";
                                    restDayStartsAt: string;
                                    truncateToMinute: boolean;
                                    webPunch: {
                                        /** @description members may clock in from the phone browser (H5 打卡) */
                                        enabled: boolean;
                                        /** @description a punch outside every geofence is kept as field work (外勤) with the reason the employee gives */
                                        fieldWork: boolean;
                                        /** @description required: the position must lie inside a site geofence */
                                        location: "off" | "required";
                                        /** @description a position fix less accurate than this (metres) is refused */
                                        maxAccuracyM: number;
                                        photo: "off" | "optional" | "required";
                                    };
                                };
                                rosterCycle: {
                                    shiftTypeIds: (number | null)[];
                                    /** Format: date */
                                    startDate: string;
                                } | null;
                                timeZone: string;
                                /** @description shift type per weekday, '0' = Sunday … '6' = Saturday; missing = no shift */
                                weekly: {
                                    0?: number | null;
                                    1?: number | null;
                                    2?: number | null;
                                    3?: number | null;
                                    4?: number | null;
                                    5?: number | null;
                                    6?: number | null;
                                } | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        /** @description free groups (自由工时): each day runs from dayStartsAt to dayStartsAt the next day, first punch in, last punch out; a workday worked below requiredMinutes is early leave by the shortfall (0 = no requirement) */
                        freeHours?: {
                            dayStartsAt: string;
                            requiredMinutes: number;
                        } | null;
                        holidayCalendarId?: number | null;
                        kind: "fixed" | "roster" | "free";
                        name: string;
                        policy?: {
                            corrections?: {
                                deadlineDays?: number;
                                quotaPerMonth?: number;
                            };
                            dedupeWindowSec?: number;
                            minInOutGapMin?: number;
                            overtime?: {
                                /** @description manager: overtime requests wait for approval; auto: approved on filing */
                                approvalMode?: "manager" | "auto";
                                holiday?: {
                                    breakWindow?: {
                                        end: string;
                                        start: string;
                                    } | null;
                                    capMin?: number | null;
                                    enabled?: boolean;
                                    minMin?: number;
                                    unitMin?: number;
                                };
                                payMultiplier?: {
                                    holiday?: number;
                                    restday?: number;
                                    workday?: number;
                                };
                                restday?: {
                                    breakWindow?: {
                                        end: string;
                                        start: string;
                                    } | null;
                                    capMin?: number | null;
                                    enabled?: boolean;
                                    minMin?: number;
                                    unitMin?: number;
                                };
                                workday?: {
                                    capMin?: number | null;
                                    enabled?: boolean;
                                    minMin?: number;
                                    requiresApproval?: boolean;
                                    startAfterMin?: number;
                                    unitMin?: number;
                                };
                            };
                            pairing?: "first_last" | "pairs";
                            restDayStartsAt?: string;
                            truncateToMinute?: boolean;
                            webPunch?: {
                                /** @description members may clock in from the phone browser (H5 打卡) */
                                enabled?: boolean;
                                /** @description a punch outside every geofence is kept as field work (外勤) with the reason the employee gives */
                                fieldWork?: boolean;
                                /** @description required: the position must lie inside a site geofence */
                                location?: "off" | "required";
                                /** @description a position fix less accurate than this (metres) is refused */
                                maxAccuracyM?: number;
                                photo?: "off" | "optional" | "required";
                            };
                        };
                        rosterCycle?: {
                            shiftTypeIds: (number | null)[];
                            /** Format: date */
                            startDate: string;
                        } | null;
                        timeZone?: string;
                        /** @description shift type per weekday, '0' = Sunday … '6' = Saturday; missing = no shift */
                        weekly?: {
                            0?: number | null;
                            1?: number | null;
                            2?: number | null;
                            3?: number | null;
                            4?: number | null;
                            5?: number | null;
                            6?: number | null;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            companyId: number;
                            /** @description free groups (自由工时): each day runs from dayStartsAt to dayStartsAt the next day, first punch in, last punch out; a workday worked below requiredMinutes is early leave by the shortfall (0 = no requirement) */
                            freeHours: {
                                dayStartsAt: string;
                                requiredMinutes: number;
                            } | null;
                            holidayCalendarId: number | null;
                            id: number;
                            kind: "fixed" | "roster" | "free";
                            /** @description in lists: active employees the group applies to today */
                            memberCount?: number;
                            name: string;
                            policy: {
                                corrections: {
                                    deadlineDays: number;
                                    quotaPerMonth: number;
                                };
                                dedupeWindowSec: number;
                                minInOutGapMin: number;
                                overtime: {
                                    /** @description manager: overtime requests wait for approval; auto: approved on filing */
                                    approvalMode: "manager" | "auto";
                                    holiday: {
                                        breakWindow: {
                                            end: string;
                                            start: string;
                                        } | null;
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        unitMin: number;
                                    };
                                    payMultiplier: {
                                        holiday: number;
                                        restday: number;
                                        workday: number;
                                    };
                                    restday: {
                                        breakWindow: {
                                            end: string;
                                            start: string;
                                        } | null;
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        unitMin: number;
                                    };
                                    workday: {
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        requiresApproval: boolean;
                                        startAfterMin: number;
                                        unitMin: number;
                                    };
                                };
                                pairing: "first_last" | "pairs";
                                restDayStartsAt: string;
                                truncateToMinute: boolean;
                                webPunch: {
                                    /** @description members may clock in from the phone browser (H5 打卡) */
                                    enabled: boolean;
                                    /** @description a punch outside every geofence is kept as field work (外勤) with the reason the employee gives */
                                    fieldWork: boolean;
                                    /** @description required: the position must lie inside a site geofence */
                                    location: "off" | "required";
                                    /** @description a position fix less accurate than this (metres) is refused */
                                    maxAccuracyM: number;
                                    photo: "off" | "optional" | "required";
                                };
                            };
                            rosterCycle: {
                                shiftTypeIds: (number | null)[];
                                /** Format: date */
                                startDate: string;
                            } | null;
                            timeZone: string;
                            /** @description shift type per weekday, '0' = Sunday … '6' = Saturday; missing = no shift */
                            weekly: {
                                0?: number | null;
                                1?: number | null;
                                2?: number | null;
                                3?: number | null;
                                4?: number | null;
                                5?: number | null;
                                6?: number | null;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance-groups/{groupId}/overtime-compensation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            creditExpiryDays: number;
                            groupId: number;
                            holiday: "pay" | "leave";
                            restday: "pay" | "leave";
                            workday: "pay" | "leave";
                        };
                    };
                };
            };
        };
        /** @description Per category (workday, rest day, holiday) whether approved overtime is paid or credited as 调休 hours */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        creditExpiryDays: number;
                        holiday: "pay" | "leave";
                        restday: "pay" | "leave";
                        workday: "pay" | "leave";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            creditExpiryDays: number;
                            groupId: number;
                            holiday: "pay" | "leave";
                            restday: "pay" | "leave";
                            workday: "pay" | "leave";
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance-groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            companyId: number;
                            /** @description free groups (自由工时): each day runs from dayStartsAt to dayStartsAt the next day, first punch in, last punch out; a workday worked below requiredMinutes is early leave by the shortfall (0 = no requirement) */
                            freeHours: {
                                dayStartsAt: string;
                                requiredMinutes: number;
                            } | null;
                            holidayCalendarId: number | null;
                            id: number;
                            kind: "fixed" | "roster" | "free";
                            /** @description in lists: active employees the group applies to today */
                            memberCount?: number;
                            name: string;
                            policy: {
                                corrections: {
                                    deadlineDays: number;
                                    quotaPerMonth: number;
                                };
                                dedupeWindowSec: number;
                                minInOutGapMin: number;
                                overtime: {
                                    /** @description manager: overtime requests wait for approval; auto: approved on filing */
                                    approvalMode: "manager" | "auto";
                                    holiday: {
                                        breakWindow: {
                                            end: string;
                                            start: string;
                                        } | null;
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        unitMin: number;
                                    };
                                    payMultiplier: {
                                        holiday: number;
                                        restday: number;
                                        workday: number;
                                    };
                                    restday: {
                                        breakWindow: {
                                            end: string;
                                            start: string;
                                        } | null;
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        unitMin: number;
                                    };
                                    workday: {
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        requiresApproval: boolean;
                                        startAfterMin: number;
                                        unitMin: number;
                                    };
                                };
                                pairing: "first_last" | "pairs";
                                restDayStartsAt: string;
                                truncateToMinute: boolean;
                                webPunch: {
                                    /** @description members may clock in from the phone browser (H5 打卡) */
                                    enabled: boolean;
                                    /** @description a punch outside every geofence is kept as field work (外勤) with the reason the employee gives */
                                    fieldWork: boolean;
                                    /** @description required: the position must lie inside a site geofence */
                                    location: "off" | "required";
                                    /** @description a position fix less accurate than this (metres) is refused */
                                    maxAccuracyM: number;
                                    photo: "off" | "optional" | "required";
                                };
                            };
                            rosterCycle: {
                                shiftTypeIds: (number | null)[];
                                /** Format: date */
                                startDate: string;
                            } | null;
                            timeZone: string;
                            /** @description shift type per weekday, '0' = Sunday … '6' = Saturday; missing = no shift */
                            weekly: {
                                0?: number | null;
                                1?: number | null;
                                2?: number | null;
                                3?: number | null;
                                4?: number | null;
                                5?: number | null;
                                6?: number | null;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        /** @description free groups (自由工时): each day runs from dayStartsAt to dayStartsAt the next day, first punch in, last punch out; a workday worked below requiredMinutes is early leave by the shortfall (0 = no requirement) */
                        freeHours?: {
                            dayStartsAt: string;
                            requiredMinutes: number;
                        } | null;
                        holidayCalendarId?: number | null;
                        kind?: "fixed" | "roster" | "free";
                        name?: string;
                        policy?: {
                            corrections?: {
                                deadlineDays?: number;
                                quotaPerMonth?: number;
                            };
                            dedupeWindowSec?: number;
                            minInOutGapMin?: number;
                            overtime?: {
                                /** @description manager: overtime requests wait for approval; auto: approved on filing */
                                approvalMode?: "manager" | "auto";
                                holiday?: {
                                    breakWindow?: {
                                        end: string;
                                        start: string;
                                    } | null;
                                    capMin?: number | null;
                                    enabled?: boolean;
                                    minMin?: number;
                                    unitMin?: number;
                                };
                                payMultiplier?: {
                                    holiday?: number;
                                    restday?: number;
                                    workday?: number;
                                };
                                restday?: {
                                    breakWindow?: {
                                        end: string;
                                        start: string;
                                    } | null;
                                    capMin?: number | null;
                                    enabled?: boolean;
                                    minMin?: number;
                                    unitMin?: number;
                                };
                                workday?: {
                                    capMin?: number | null;
                                    enabled?: boolean;
                                    minMin?: number;
                                    requiresApproval?: boolean;
                                    startAfterMin?: number;
                                    unitMin?: number;
                                };
                            };
                            pairing?: "first_last" | "pairs";
                            restDayStartsAt?: string;
                            truncateToMinute?: boolean;
                            webPunch?: {
                                /** @description members may clock in from the phone browser (H5 打卡) */
                                enabled?: boolean;
                                /** @description a punch outside every geofence is kept as field work (外勤) with the reason the employee gives */
                                fieldWork?: boolean;
                                /** @description required: the position must lie inside a site geofence */
                                location?: "off" | "required";
                                /** @description a position fix less accurate than this (metres) is refused */
                                maxAccuracyM?: number;
                                photo?: "off" | "optional" | "required";
                            };
                        };
                        rosterCycle?: {
                            shiftTypeIds: (number | null)[];
                            /** Format: date */
                            startDate: string;
                        } | null;
                        timeZone?: string;
                        /** @description shift type per weekday, '0' = Sunday … '6' = Saturday; missing = no shift */
                        weekly?: {
                            0?: number | null;
                            1?: number | null;
                            2?: number | null;
                            3?: number | null;
                            4?: number | null;
                            5?: number | null;
                            6?: number | null;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            companyId: number;
                            /** @description free groups (自由工时): each day runs from dayStartsAt to dayStartsAt the next day, first punch in, last punch out; a workday worked below requiredMinutes is early leave by the shortfall (0 = no requirement) */
                            freeHours: {
                                dayStartsAt: string;
                                requiredMinutes: number;
                            } | null;
                            holidayCalendarId: number | null;
                            id: number;
                            kind: "fixed" | "roster" | "free";
                            /** @description in lists: active employees the group applies to today */
                            memberCount?: number;
                            name: string;
                            policy: {
                                corrections: {
                                    deadlineDays: number;
                                    quotaPerMonth: number;
                                };
                                dedupeWindowSec: number;
                                minInOutGapMin: number;
                                overtime: {
                                    /** @description manager: overtime requests wait for approval; auto: approved on filing */
                                    approvalMode: "manager" | "auto";
                                    holiday: {
                                        breakWindow: {
                                            end: string;
                                            start: string;
                                        } | null;
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        unitMin: number;
                                    };
                                    payMultiplier: {
                                        holiday: number;
                                        restday: number;
                                        workday: number;
                                    };
                                    restday: {
                                        breakWindow: {
                                            end: string;
                                            start: string;
                                        } | null;
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        unitMin: number;
                                    };
                                    workday: {
                                        capMin: number | null;
                                        enabled: boolean;
                                        minMin: number;
                                        requiresApproval: boolean;
                                        startAfterMin: number;
                                        unitMin: number;
                                    };
                                };
                                pairing: "first_last" | "pairs";
                                restDayStartsAt: string;
                                truncateToMinute: boolean;
                                webPunch: {
                                    /** @description members may clock in from the phone browser (H5 打卡) */
                                    enabled: boolean;
                                    /** @description a punch outside every geofence is kept as field work (外勤) with the reason the employee gives */
                                    fieldWork: boolean;
                                    /** @description required: the position must lie inside a site geofence */
                                    location: "off" | "required";
                                    /** @description a position fix less accurate than this (metres) is refused */
                                    maxAccuracyM: number;
                                    photo: "off" | "optional" | "required";
                                };
                            };
                            rosterCycle: {
                                shiftTypeIds: (number | null)[];
                                /** Format: date */
                                startDate: string;
                            } | null;
                            timeZone: string;
                            /** @description shift type per weekday, '0' = Sunday … '6' = Saturday; missing = no shift */
                            weekly: {
                                0?: number | null;
                                1?: number | null;
                                2?: number | null;
                                3?: number | null;
                                4?: number | null;
                                5?: number | null;
                                6?: number | null;
                            } | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/attendance-groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                departmentId: number | null;
                                effectiveFrom: string;
                                effectiveTo: string | null;
                                employeeId: number | null;
                                groupId: number;
                                id: number;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        departmentId?: number;
                        /** Format: date */
                        effectiveFrom: string;
                        /** Format: date */
                        effectiveTo?: string | null;
                        employeeId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            departmentId: number | null;
                            effectiveFrom: string;
                            effectiveTo: string | null;
                            employeeId: number | null;
                            groupId: number;
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance-groups/{id}/members/{memberId}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    memberId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        effectiveTo: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            departmentId: number | null;
                            effectiveFrom: string;
                            effectiveTo: string | null;
                            employeeId: number | null;
                            groupId: number;
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance/days": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Attendance days in the caller’s scope */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    departmentId?: number;
                    employeeId?: number;
                    from: string;
                    page?: number;
                    pageSize?: number;
                    source?: "zkteco" | "hikvision" | "dingtalk" | "wecom" | "api" | "web" | "file" | "correction";
                    status?: "present" | "half_day" | "absent" | "missing_punch" | "on_leave" | "rest" | "holiday";
                    /** @description late (迟到), early (早退), missing_punch (缺卡), absent (旷工), or anomaly (any of them and half days, as the dashboard lists them); days still in progress are not 缺卡 or 旷工 */
                    tag?: "late" | "early" | "missing_punch" | "absent" | "anomaly";
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                computedAtMs: number;
                                correctionsUsed: number;
                                /** Format: date */
                                date: string;
                                dayType: "workday" | "makeup_workday" | "rest_day" | "statutory_holiday";
                                duplicatePunchCount: number;
                                early: boolean;
                                earlyMinutes: number;
                                employee: {
                                    departmentId: number | null;
                                    departmentName?: string | null;
                                    id: number;
                                    jobNumber: string;
                                    name: string;
                                };
                                /** @description day flags for HR, e.g. punches_on_leave (R11) */
                                flags: string[];
                                groupId: number | null;
                                /** @description 考勤组 */
                                groupName?: string | null;
                                ignoredPunchCount: number;
                                /** @description the check-out window is still open: shown as 待打卡, not as its status */
                                inProgress: boolean;
                                /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00 */
                                inTime: string | null;
                                late: boolean;
                                lateLevel: "none" | "late" | "serious" | "absenteeism";
                                lateMinutes: number;
                                leaveHalf: ("am" | "pm" | "hours") | (never | null);
                                /** @description approved hourly leave inside the shift (R11a); 0 otherwise */
                                leaveMinutes: number;
                                leaveType: string | null;
                                missingIn: boolean;
                                missingOut: boolean;
                                /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00 */
                                outTime: string | null;
                                overtimeCategory: "workday" | "restday" | "holiday";
                                overtimeMinutes: number;
                                overtimePayMultiplier: number;
                                /** @description 班次 */
                                shiftName?: string | null;
                                shiftTypeId: number | null;
                                status: "present" | "half_day" | "absent" | "missing_punch" | "on_leave" | "rest" | "holiday";
                                /** @description present when workday overtime requires approval */
                                unapprovedOvertimeMinutes: number | null;
                                workedMinutes: number;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance/days/{employeeId}/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One attendance day with its punches and the rules that produced it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    date: string;
                    employeeId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date */
                            date: string;
                            day: {
                                computedAtMs: number;
                                correctionsUsed: number;
                                /** Format: date */
                                date: string;
                                dayType: "workday" | "makeup_workday" | "rest_day" | "statutory_holiday";
                                duplicatePunchCount: number;
                                early: boolean;
                                earlyMinutes: number;
                                /** @description day flags for HR, e.g. punches_on_leave (R11) */
                                flags: string[];
                                groupId: number | null;
                                ignoredPunchCount: number;
                                /** @description the check-out window is still open: shown as 待打卡, not as its status */
                                inProgress: boolean;
                                /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00 */
                                inTime: string | null;
                                late: boolean;
                                lateLevel: "none" | "late" | "serious" | "absenteeism";
                                lateMinutes: number;
                                leaveHalf: ("am" | "pm" | "hours") | (never | null);
                                /** @description approved hourly leave inside the shift (R11a); 0 otherwise */
                                leaveMinutes: number;
                                leaveType: string | null;
                                missingIn: boolean;
                                missingOut: boolean;
                                /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00 */
                                outTime: string | null;
                                overtimeCategory: "workday" | "restday" | "holiday";
                                overtimeMinutes: number;
                                overtimePayMultiplier: number;
                                shiftTypeId: number | null;
                                status: "present" | "half_day" | "absent" | "missing_punch" | "on_leave" | "rest" | "holiday";
                                /** @description present when workday overtime requires approval */
                                unapprovedOvertimeMinutes: number | null;
                                workedMinutes: number;
                            } | null;
                            employee: {
                                departmentId: number | null;
                                departmentName?: string | null;
                                id: number;
                                jobNumber: string;
                                name: string;
                            };
                            explanation: {
                                /** @description a reason code of the catalogue (src/shared/reasons), rendered per locale */
                                code: string;
                                field: string;
                                params: {
                                    [key: string]: (string | number | boolean) | (never | null);
                                };
                                punchIds?: string[];
                                rule: string;
                            }[] | null;
                            explanationSource: ("stored" | "live") | (never | null);
                            live: {
                                dayType: ("workday" | "makeup_workday" | "rest_day" | "statutory_holiday") | (never | null);
                                duplicatePunchCount: number;
                                early: boolean;
                                earlyMinutes: number;
                                flags?: string[];
                                ignoredPunchCount: number;
                                /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00 */
                                inTime: string | null;
                                late: boolean;
                                lateLevel: "none" | "late" | "serious" | "absenteeism";
                                lateMinutes: number;
                                /** @description approved hourly leave inside the shift (R11a); 0 otherwise */
                                leaveMinutes: number;
                                missingIn: boolean;
                                missingOut: boolean;
                                /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00 */
                                outTime: string | null;
                                overtimeCategory: "workday" | "restday" | "holiday";
                                overtimeMinutes: number;
                                overtimePayMultiplier: number;
                                status: "present" | "half_day" | "absent" | "missing_punch" | "on_leave" | "rest" | "holiday";
                                unapprovedOvertimeMinutes?: number;
                                workedMinutes: number;
                            } | null;
                            punches: {
                                atMs: number;
                                counted: boolean;
                                deviceSn: string | null;
                                holdReason: string | null;
                                id: number;
                                location: {
                                    accuracyM?: number | null;
                                    address?: string | null;
                                    fieldWorkReason?: string | null;
                                    geofence?: {
                                        distanceM: number | null;
                                        siteId: number | null;
                                        verdict: "inside" | "outside" | "not_checked";
                                    } | null;
                                    lat?: number | null;
                                    lng?: number | null;
                                    wifiBssid?: string | null;
                                    wifiSsid?: string | null;
                                } | null;
                                /** @description an explanation of the day names this punch */
                                named: boolean;
                                source: string;
                                /** @description ISO-8601 with the punch’s own offset */
                                time: string;
                                verifyMethod: string | null;
                            }[];
                            /** @description the stored figures differ from a fresh evaluation (or one of them is missing) */
                            stale: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress of a queued recompute */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            daysWritten: number | null;
                            departmentId: number | null;
                            employeesDone: number;
                            employeesTotal: number | null;
                            error: string | null;
                            finishedAtMs: number | null;
                            jobId: string;
                            month: string;
                            requestedAtMs: number;
                            startedAtMs: number | null;
                            status: "queued" | "running" | "done" | "failed";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Monthly report (DingTalk 月度汇总 columns) per employee */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    departmentId?: number;
                    employeeId?: number;
                    /** @description YYYY-MM */
                    month: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description a half-day absence counts 0.5 */
                                absentDays: number;
                                absenteeismLateCount: number;
                                attendedDays: number;
                                correctionsUsed: number;
                                /** @description each stored date of the month with its marks (the month grid) */
                                days?: {
                                    [key: string]: ("present" | "late" | "serious" | "absenteeism" | "early" | "missing" | "absent" | "leave" | "half_leave" | "hourly_leave" | "half_day" | "rest" | "holiday" | "in_progress")[];
                                };
                                earlyCount: number;
                                earlyMinutes: number;
                                employee: {
                                    departmentId: number | null;
                                    departmentName?: string | null;
                                    id: number;
                                    jobNumber: string;
                                    name: string;
                                };
                                halfDays: number;
                                holidayDays: number;
                                lateCount: number;
                                lateMinutes: number;
                                leaveDaysByType: {
                                    [key: string]: number;
                                };
                                leaveMinutesByType: {
                                    [key: string]: number;
                                };
                                missingInCount: number;
                                missingOutCount: number;
                                month: string;
                                overtimeMinutesByCategory: {
                                    holiday: number;
                                    restday: number;
                                    workday: number;
                                };
                                restDays: number;
                                seriousLateCount: number;
                                shouldAttendDays: number;
                                workedMinutes: number;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a recompute of a month (company or department subtree) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        departmentId?: number;
                        /**
                         * Format: month
                         * @description YYYY-MM
                         */
                        month: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobId: string;
                            /** @enum {string} */
                            status: "queued";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attendance/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview how draft policy / shift knobs would change a month; nothing is saved
         * @description draft.policy and draft.shifts[shiftTypeId] take the engine knobs (minutes since midnight, e.g. graceLateMin, restDayStartsAtMin); draft.groupId limits the policy draft to one group.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        departmentId?: number;
                        draft: {
                            groupId?: number;
                            policy?: {
                                [key: string]: unknown;
                            };
                            shifts?: {
                                [key: string]: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                        employeeIds?: number[];
                        /** @default 1000 */
                        limit?: number;
                        /**
                         * Format: month
                         * @description YYYY-MM
                         */
                        month: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changedDays: number;
                            changedEmployees: number;
                            employees: number;
                            evaluatedDays: number;
                            items: {
                                changes: {
                                    after: unknown;
                                    before: unknown;
                                    field: string;
                                }[];
                                /** Format: date */
                                date: string;
                                employeeId: number;
                            }[];
                            month: string;
                            /** @description more days changed than `limit` items list */
                            truncated: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    actorId?: number;
                    entity?: string;
                    entityId?: string;
                    fromMs?: number;
                    page?: number;
                    pageSize?: number;
                    toMs?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actorId: number | null;
                                actorName: string | null;
                                after: unknown;
                                atMs: number;
                                before: unknown;
                                companyId: number | null;
                                companyName?: string | null;
                                entity: string;
                                entityId: string | null;
                                /** @description the entity's current name, when it has one */
                                entityName?: string | null;
                                id: number;
                                ip: string | null;
                                /** @description the API token the change was made with, if any */
                                tokenId: number | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                companyIds: number[];
                                displayName: string;
                                employeeId: number | null;
                                id: number;
                                locale: string | null;
                                mustChangePassword: boolean;
                                role: "admin" | "hr" | "manager" | "employee";
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Logged out; the session cookie is cleared */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                companyIds: number[];
                                displayName: string;
                                employeeId: number | null;
                                id: number;
                                locale: string | null;
                                mustChangePassword: boolean;
                                role: "admin" | "hr" | "manager" | "employee";
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Changed; other sessions of the user end */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar-feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                companyId: number;
                                createdAt: string;
                                employeeId: number;
                                id: number;
                                scope: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        employeeId?: number;
                        scope?: "self" | "team";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            createdAt: string;
                            employeeId: number;
                            id: number;
                            scope: string;
                            /** @description The private ICS address. Shown once: keep it secret; revoke the feed if it leaks. */
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar-feeds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    companyId: number;
                    departmentId?: number;
                    employeeId?: number;
                    from?: string;
                    /** @description true: only punches that do not count (from a clock running ahead: holdReason clock_ahead) */
                    held?: boolean;
                    page?: number;
                    pageSize?: number;
                    source?: string;
                    to?: string;
                    unmatched?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                atMs: number;
                                departmentName?: string | null;
                                /** @description the machine found by its serial in the company */
                                deviceName?: string | null;
                                deviceSiteName?: string | null;
                                deviceSn: string | null;
                                direction: string | null;
                                employeeId: number | null;
                                employeeName: string | null;
                                /** @description kept aside and not used for attendance (see holdReason) */
                                held: boolean;
                                holdReason: string | null;
                                id: number;
                                identity: {
                                    externalId: string;
                                    provider: string;
                                    tenant: string;
                                };
                                jobNumber?: string | null;
                                location: {
                                    accuracyM?: number | null;
                                    address?: string | null;
                                    fieldWorkReason?: string | null;
                                    geofence?: {
                                        distanceM: number | null;
                                        siteId: number | null;
                                        verdict: "inside" | "outside" | "not_checked";
                                    } | null;
                                    lat?: number | null;
                                    lng?: number | null;
                                    wifiBssid?: string | null;
                                    wifiSsid?: string | null;
                                } | null;
                                matched: boolean;
                                photoRef: string | null;
                                platformResult: string | null;
                                receivedAtMs: number;
                                source: string;
                                sourceRecordId: string | null;
                                /** @description ISO-8601 with the punch’s own offset */
                                time: string;
                                timeZone: string;
                                utcOffsetMin: number;
                                verifyMethod: string | null;
                                /** @description local wall time where the punch happened */
                                wallTime: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Ingest one punch */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: epoch-ms */
                        atMs?: number;
                        companyId: number;
                        deviceSn?: string | null;
                        direction?: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out";
                        employeeId?: number;
                        idempotencyKey?: string;
                        identity?: {
                            externalId: string;
                            provider: "device" | "dingtalk" | "wecom";
                            tenant?: string;
                        };
                        jobNumber?: string;
                        location?: {
                            accuracyM?: number | null;
                            address?: string | null;
                            lat?: number | null;
                            lng?: number | null;
                            wifiBssid?: string | null;
                            wifiSsid?: string | null;
                        } | null;
                        photoRef?: string | null;
                        raw?: unknown;
                        source?: "api" | "web" | "zkteco" | "hikvision" | "dingtalk" | "wecom" | "file";
                        sourceRecordId?: string | null;
                        /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:12+08:00 */
                        time?: string;
                        timeZone?: string;
                        verifyMethod?: "fingerprint" | "face" | "card" | "password" | "palm" | "iris" | "gps" | "wifi" | "bluetooth" | "app" | "manual" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            duplicates: number;
                            items: {
                                checkinId?: string;
                                idempotencyKey: string;
                                outcome: string;
                                unmatched?: boolean;
                            }[];
                            rejected: number;
                            unmatched: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkins/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            atMs: number;
                            departmentName?: string | null;
                            /** @description the machine found by its serial in the company */
                            deviceName?: string | null;
                            deviceSiteName?: string | null;
                            deviceSn: string | null;
                            direction: string | null;
                            employeeId: number | null;
                            employeeName: string | null;
                            /** @description kept aside and not used for attendance (see holdReason) */
                            held: boolean;
                            holdReason: string | null;
                            id: number;
                            identity: {
                                externalId: string;
                                provider: string;
                                tenant: string;
                            };
                            jobNumber?: string | null;
                            location: {
                                accuracyM?: number | null;
                                address?: string | null;
                                fieldWorkReason?: string | null;
                                geofence?: {
                                    distanceM: number | null;
                                    siteId: number | null;
                                    verdict: "inside" | "outside" | "not_checked";
                                } | null;
                                lat?: number | null;
                                lng?: number | null;
                                wifiBssid?: string | null;
                                wifiSsid?: string | null;
                            } | null;
                            matched: boolean;
                            photoRef: string | null;
                            platformResult: string | null;
                            /** @description the record as the source sent it */
                            raw: unknown;
                            receivedAtMs: number;
                            source: string;
                            sourceRecordId: string | null;
                            /** @description ISO-8601 with the punch’s own offset */
                            time: string;
                            timeZone: string;
                            utcOffsetMin: number;
                            verifyMethod: string | null;
                            /** @description local wall time where the punch happened */
                            wallTime: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkins/{id}/photo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The photo taken with this punch: by the machine (JPEG) or by the phone camera (web clock-in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The punch photo */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/jpeg": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkins/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest up to 10,000 punches; idempotent per item
         * @description Re-sending a batch changes nothing: each item reports created or duplicate. One invalid item rejects the whole batch.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        items: {
                            /** Format: epoch-ms */
                            atMs?: number;
                            deviceSn?: string | null;
                            direction?: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out";
                            employeeId?: number;
                            idempotencyKey?: string;
                            identity?: {
                                externalId: string;
                                provider: "device" | "dingtalk" | "wecom";
                                tenant?: string;
                            };
                            jobNumber?: string;
                            location?: {
                                accuracyM?: number | null;
                                address?: string | null;
                                lat?: number | null;
                                lng?: number | null;
                                wifiBssid?: string | null;
                                wifiSsid?: string | null;
                            } | null;
                            photoRef?: string | null;
                            raw?: unknown;
                            source?: "api" | "web" | "zkteco" | "hikvision" | "dingtalk" | "wecom" | "file";
                            sourceRecordId?: string | null;
                            /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:12+08:00 */
                            time?: string;
                            timeZone?: string;
                            verifyMethod?: "fingerprint" | "face" | "card" | "password" | "palm" | "iris" | "gps" | "wifi" | "bluetooth" | "app" | "manual" | "other";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            duplicates: number;
                            items: {
                                checkinId?: string;
                                idempotencyKey: string;
                                outcome: string;
                                unmatched?: boolean;
                            }[];
                            rejected: number;
                            unmatched: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkins/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The punch records as CSV (工号, 姓名, 部门, device name and site), with the list's filters
         * @description At most 100000 punches, newest first; the header x-export-truncated is true when more matched.
         */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    departmentId?: number;
                    employeeId?: number;
                    from?: string;
                    /** @description true: only punches that do not count (from a clock running ahead: holdReason clock_ahead) */
                    held?: boolean;
                    source?: string;
                    to?: string;
                    unmatched?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV in UTF-8 with a BOM */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkins/rejected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Punches refused at ingest (an instant outside 1970…2199 from a device or platform), newest first */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actorName: string;
                                /** @description when they arrived */
                                atMs: number;
                                /** @description up to 50 of them */
                                punches: {
                                    /** @description the instant as the source gave it */
                                    atMs: unknown;
                                    deviceSn: string | null;
                                    externalId: string;
                                    idempotencyKey: string;
                                    wallTime: string | null;
                                }[];
                                reason: string;
                                rejected: number;
                                source: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                code: string;
                                deviceRequireAllowedIps: boolean;
                                deviceRequireToken: boolean;
                                id: number;
                                identityMatchOrder: ("job_number" | "email" | "mobile")[];
                                name: string;
                                timeZone: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        deviceRequireAllowedIps?: boolean;
                        deviceRequireToken?: boolean;
                        identityMatchOrder?: ("job_number" | "email" | "mobile")[];
                        name: string;
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string;
                            deviceRequireAllowedIps: boolean;
                            deviceRequireToken: boolean;
                            id: number;
                            identityMatchOrder: ("job_number" | "email" | "mobile")[];
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/companies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string;
                            deviceRequireAllowedIps: boolean;
                            deviceRequireToken: boolean;
                            id: number;
                            identityMatchOrder: ("job_number" | "email" | "mobile")[];
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        deviceRequireAllowedIps?: boolean;
                        deviceRequireToken?: boolean;
                        identityMatchOrder?: ("job_number" | "email" | "mobile")[];
                        name?: string;
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string;
                            deviceRequireAllowedIps: boolean;
                            deviceRequireToken: boolean;
                            id: number;
                            identityMatchOrder: ("job_number" | "email" | "mobile")[];
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/companies/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string;
                            deviceRequireAllowedIps: boolean;
                            deviceRequireToken: boolean;
                            id: number;
                            identityMatchOrder: ("job_number" | "email" | "mobile")[];
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    companyId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agentId: string | null;
                                appKey: string;
                                appSecretLast4: string;
                                baseUrl: string | null;
                                callbackPath: string;
                                companyId: number;
                                corpId: string;
                                createdAtMs: number;
                                hasCallbackToken: boolean;
                                hasEncodingAesKey: boolean;
                                hasRobot: boolean;
                                hasSecret: boolean;
                                id: number;
                                lastError: string | null;
                                name: string;
                                platform: "dingtalk" | "wecom";
                                robotSigned: boolean;
                                settings: {
                                    approvalDays?: number;
                                    budgetLimit?: number;
                                    /** @description Share of the monthly allowance the schedule plans to spend (default 0.8) */
                                    budgetShare?: number;
                                    /** @description more than 0 */
                                    budgetWarnAt?: number;
                                    callbackMaxSkewSec?: number;
                                    /** @description DingTalk edition: sets the documented per-second limit and monthly allowance */
                                    edition?: "standard" | "professional" | "exclusive";
                                    fieldOwnership?: {
                                        departmentId?: "platform" | "daka";
                                        email?: "platform" | "daka";
                                        jobNumber?: "platform" | "daka";
                                        managerId?: "platform" | "daka";
                                        mobile?: "platform" | "daka";
                                        name?: "platform" | "daka";
                                    };
                                    jobNumberAttrs?: string[];
                                    /** @description WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation */
                                    leaveSchedules?: boolean;
                                    /** @description WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name) */
                                    leaveTypeMap?: {
                                        [key: string]: string;
                                    };
                                    /** @description DingTalk: HTTP callbacks (default) or Stream mode */
                                    pushChannel?: "callback" | "stream";
                                    recentDays?: number;
                                    reconcileToleranceMin?: number;
                                    templateKinds?: {
                                        [key: string]: "leave" | "correction" | "overtime";
                                    };
                                    timeZone?: string;
                                };
                                status: "active" | "paused" | "error";
                                updatedAtMs: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a DingTalk or WeCom app; secrets are sealed and never returned */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agentId?: string;
                        appKey?: string;
                        appSecret: string;
                        baseUrl?: string;
                        callbackToken: string;
                        companyId: number;
                        corpId: string;
                        encodingAesKey: string;
                        name: string;
                        platform: "dingtalk" | "wecom";
                        robotSecret?: string;
                        robotWebhookUrl?: string;
                        settings?: {
                            approvalDays?: number;
                            budgetLimit?: number;
                            /** @description Share of the monthly allowance the schedule plans to spend (default 0.8) */
                            budgetShare?: number;
                            /** @description more than 0 */
                            budgetWarnAt?: number;
                            callbackMaxSkewSec?: number;
                            /** @description DingTalk edition: sets the documented per-second limit and monthly allowance */
                            edition?: "standard" | "professional" | "exclusive";
                            fieldOwnership?: {
                                departmentId?: "platform" | "daka";
                                email?: "platform" | "daka";
                                jobNumber?: "platform" | "daka";
                                managerId?: "platform" | "daka";
                                mobile?: "platform" | "daka";
                                name?: "platform" | "daka";
                            };
                            jobNumberAttrs?: string[];
                            /** @description WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation */
                            leaveSchedules?: boolean;
                            /** @description WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name) */
                            leaveTypeMap?: {
                                [key: string]: string;
                            };
                            /** @description DingTalk: HTTP callbacks (default) or Stream mode */
                            pushChannel?: "callback" | "stream";
                            recentDays?: number;
                            reconcileToleranceMin?: number;
                            templateKinds?: {
                                [key: string]: "leave" | "correction" | "overtime";
                            };
                            timeZone?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string | null;
                            appKey: string;
                            appSecretLast4: string;
                            baseUrl: string | null;
                            callbackPath: string;
                            companyId: number;
                            corpId: string;
                            createdAtMs: number;
                            hasCallbackToken: boolean;
                            hasEncodingAesKey: boolean;
                            hasRobot: boolean;
                            hasSecret: boolean;
                            id: number;
                            lastError: string | null;
                            name: string;
                            platform: "dingtalk" | "wecom";
                            robotSigned: boolean;
                            settings: {
                                approvalDays?: number;
                                budgetLimit?: number;
                                /** @description Share of the monthly allowance the schedule plans to spend (default 0.8) */
                                budgetShare?: number;
                                /** @description more than 0 */
                                budgetWarnAt?: number;
                                callbackMaxSkewSec?: number;
                                /** @description DingTalk edition: sets the documented per-second limit and monthly allowance */
                                edition?: "standard" | "professional" | "exclusive";
                                fieldOwnership?: {
                                    departmentId?: "platform" | "daka";
                                    email?: "platform" | "daka";
                                    jobNumber?: "platform" | "daka";
                                    managerId?: "platform" | "daka";
                                    mobile?: "platform" | "daka";
                                    name?: "platform" | "daka";
                                };
                                jobNumberAttrs?: string[];
                                /** @description WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation */
                                leaveSchedules?: boolean;
                                /** @description WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name) */
                                leaveTypeMap?: {
                                    [key: string]: string;
                                };
                                /** @description DingTalk: HTTP callbacks (default) or Stream mode */
                                pushChannel?: "callback" | "stream";
                                recentDays?: number;
                                reconcileToleranceMin?: number;
                                templateKinds?: {
                                    [key: string]: "leave" | "correction" | "overtime";
                                };
                                timeZone?: string;
                            };
                            status: "active" | "paused" | "error";
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string | null;
                            appKey: string;
                            appSecretLast4: string;
                            baseUrl: string | null;
                            callbackPath: string;
                            companyId: number;
                            corpId: string;
                            createdAtMs: number;
                            dailyCaps: {
                                api: string;
                                day: string;
                                limit: number;
                                used: number;
                            }[];
                            hasCallbackToken: boolean;
                            hasEncodingAesKey: boolean;
                            hasRobot: boolean;
                            hasSecret: boolean;
                            id: number;
                            lastError: string | null;
                            lastRuns: {
                                counts: unknown;
                                error: string | null;
                                finishedAtMs: number | null;
                                id: number;
                                kind: string;
                                params: unknown;
                                startedAtMs: number;
                                status: string;
                            }[];
                            name: string;
                            platform: "dingtalk" | "wecom";
                            robotSigned: boolean;
                            settings: {
                                approvalDays?: number;
                                budgetLimit?: number;
                                /** @description Share of the monthly allowance the schedule plans to spend (default 0.8) */
                                budgetShare?: number;
                                /** @description more than 0 */
                                budgetWarnAt?: number;
                                callbackMaxSkewSec?: number;
                                /** @description DingTalk edition: sets the documented per-second limit and monthly allowance */
                                edition?: "standard" | "professional" | "exclusive";
                                fieldOwnership?: {
                                    departmentId?: "platform" | "daka";
                                    email?: "platform" | "daka";
                                    jobNumber?: "platform" | "daka";
                                    managerId?: "platform" | "daka";
                                    mobile?: "platform" | "daka";
                                    name?: "platform" | "daka";
                                };
                                jobNumberAttrs?: string[];
                                /** @description WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation */
                                leaveSchedules?: boolean;
                                /** @description WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name) */
                                leaveTypeMap?: {
                                    [key: string]: string;
                                };
                                /** @description DingTalk: HTTP callbacks (default) or Stream mode */
                                pushChannel?: "callback" | "stream";
                                recentDays?: number;
                                reconcileToleranceMin?: number;
                                templateKinds?: {
                                    [key: string]: "leave" | "correction" | "overtime";
                                };
                                timeZone?: string;
                            };
                            status: "active" | "paused" | "error";
                            stream: {
                                connectedAtMs: number | null;
                                eventsReceived: number;
                                lastError: string | null;
                                lastErrorAtMs: number | null;
                                state: "connecting" | "connected" | "error" | "closed";
                                updatedAtMs: number | null;
                            } | null;
                            throttle: {
                                api: string;
                                pausedUntilMs: number;
                                reason: string;
                                sinceMs: number;
                            } | null;
                            updatedAtMs: number;
                            usage: {
                                headcount: number;
                                lastPullAtMs: number | null;
                                limit: number | null;
                                month: string;
                                plan: {
                                    actions: ("pull_interval_stretched" | "polling_replaced_by_events" | "polling_suspended" | "resync_weekly" | "reconcile_skipped" | "requeries_coalesced" | "requeries_left_to_resync")[];
                                    callsPerPull: number;
                                    mode: "poll" | "events" | "suspended";
                                    pullIntervalMin: number | null;
                                    reconcile: boolean;
                                    requeries: "immediate" | "coalesced" | "resync_only" | "none";
                                    requeryCoalesceMin: number | null;
                                    resyncEveryDays: number;
                                    underTarget: boolean;
                                };
                                projectedMonthEnd: number;
                                pushConnected: boolean;
                                share: number;
                                target: number | null;
                                used: number;
                                warnAt: number | null;
                                warning: boolean;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a connector: secrets destroyed, syncs and callbacks stop; punches, identities and run history kept
         * @description Kept: synced punches, employees and their external identities, run history (GET /connectors/:id/runs), metered usage, the audit log. Gone: sealed secrets, cursors, callback nonces, open reconciliation differences. Callbacks and every other endpoint answer 404 afterwards.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change settings; secrets can be replaced, not read */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agentId?: string | null;
                        appKey?: string;
                        appSecret?: string;
                        baseUrl?: string | null;
                        callbackToken?: string;
                        corpId?: string;
                        encodingAesKey?: string;
                        name?: string;
                        robotSecret?: string | null;
                        robotWebhookUrl?: string | null;
                        settings?: {
                            approvalDays?: number;
                            budgetLimit?: number;
                            /** @description Share of the monthly allowance the schedule plans to spend (default 0.8) */
                            budgetShare?: number;
                            /** @description more than 0 */
                            budgetWarnAt?: number;
                            callbackMaxSkewSec?: number;
                            /** @description DingTalk edition: sets the documented per-second limit and monthly allowance */
                            edition?: "standard" | "professional" | "exclusive";
                            fieldOwnership?: {
                                departmentId?: "platform" | "daka";
                                email?: "platform" | "daka";
                                jobNumber?: "platform" | "daka";
                                managerId?: "platform" | "daka";
                                mobile?: "platform" | "daka";
                                name?: "platform" | "daka";
                            };
                            jobNumberAttrs?: string[];
                            /** @description WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation */
                            leaveSchedules?: boolean;
                            /** @description WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name) */
                            leaveTypeMap?: {
                                [key: string]: string;
                            };
                            /** @description DingTalk: HTTP callbacks (default) or Stream mode */
                            pushChannel?: "callback" | "stream";
                            recentDays?: number;
                            reconcileToleranceMin?: number;
                            templateKinds?: {
                                [key: string]: "leave" | "correction" | "overtime";
                            };
                            timeZone?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string | null;
                            appKey: string;
                            appSecretLast4: string;
                            baseUrl: string | null;
                            callbackPath: string;
                            companyId: number;
                            corpId: string;
                            createdAtMs: number;
                            hasCallbackToken: boolean;
                            hasEncodingAesKey: boolean;
                            hasRobot: boolean;
                            hasSecret: boolean;
                            id: number;
                            lastError: string | null;
                            name: string;
                            platform: "dingtalk" | "wecom";
                            robotSigned: boolean;
                            settings: {
                                approvalDays?: number;
                                budgetLimit?: number;
                                /** @description Share of the monthly allowance the schedule plans to spend (default 0.8) */
                                budgetShare?: number;
                                /** @description more than 0 */
                                budgetWarnAt?: number;
                                callbackMaxSkewSec?: number;
                                /** @description DingTalk edition: sets the documented per-second limit and monthly allowance */
                                edition?: "standard" | "professional" | "exclusive";
                                fieldOwnership?: {
                                    departmentId?: "platform" | "daka";
                                    email?: "platform" | "daka";
                                    jobNumber?: "platform" | "daka";
                                    managerId?: "platform" | "daka";
                                    mobile?: "platform" | "daka";
                                    name?: "platform" | "daka";
                                };
                                jobNumberAttrs?: string[];
                                /** @description WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation */
                                leaveSchedules?: boolean;
                                /** @description WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name) */
                                leaveTypeMap?: {
                                    [key: string]: string;
                                };
                                /** @description DingTalk: HTTP callbacks (default) or Stream mode */
                                pushChannel?: "callback" | "stream";
                                recentDays?: number;
                                reconcileToleranceMin?: number;
                                templateKinds?: {
                                    [key: string]: "leave" | "correction" | "overtime";
                                };
                                timeZone?: string;
                            };
                            status: "active" | "paused" | "error";
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/connectors/{id}/leave-quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daka's leave balances against WeCom's quotas (假期管理), one page of employees; one WeCom call per employee */
        get: {
            parameters: {
                query?: {
                    asOf?: string;
                    departmentId?: number;
                    limit?: number;
                    offset?: number;
                    onlyDifferent?: boolean;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            items: {
                                employeeId: number;
                                error: string | null;
                                externalUserId: string | null;
                                jobNumber: string;
                                name: string;
                                rows: {
                                    /** @description Ledger up to asOf, less leave approved for later dates */
                                    daka: number;
                                    /** @description platform − daka */
                                    difference: number | null;
                                    leaveType: string;
                                    name: string;
                                    /** @description WeCom's left, in the Daka type's unit */
                                    platform: number | null;
                                    platformType: {
                                        externalId: string;
                                        granted: number;
                                        left: number;
                                        name: string;
                                        unit: "day" | "hour";
                                        used: number;
                                    } | null;
                                    status: "match" | "different" | "missing_on_platform";
                                    unit: "day" | "half_day" | "hour";
                                }[];
                                status: "match" | "different" | "not_linked" | "error";
                            }[];
                            limit: number;
                            offset: number;
                            platformTypes: {
                                externalId: string;
                                leaveType: string | null;
                                name: string;
                                unit: "day" | "hour";
                            }[];
                            total: number;
                            unmappedLeaveTypes: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/leave-quotas/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Takes WeCom's quotas as dated, audited balance adjustments; dryRun shows them; a repeat for the same date posts nothing twice */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dryRun?: boolean;
                        /** Format: date */
                        effectiveDate?: string;
                        items: {
                            employeeId: number;
                            leaveType: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            effectiveDate: string;
                            items: {
                                /** @description The adjustment: half days for day types */
                                amount: number;
                                daka: number;
                                employeeId: number;
                                leaveType: string;
                                platform: number | null;
                                /** @description What the unit step leaves unreconciled */
                                residual: number | null;
                                status: "would_post" | "posted" | "no_difference" | "already_imported" | "missing_on_platform";
                                unit: "day" | "half_day" | "hour";
                            }[];
                            posted: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send text or markdown to employees (work notice / app message) or post it to the group robot
         * @description Employees are Daka employee ids, sent to through their identity on this connector; one without an identity is reported as not_linked. With target robot the message goes to the configured group robot and the employees are @-mentioned.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        content: string;
                        employeeIds?: number[];
                        format?: "text" | "markdown";
                        target?: "employees" | "robot";
                        title?: string;
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channel: string;
                            messageIds: string[];
                            recipients: {
                                employeeId: number;
                                externalUserId: string | null;
                                status: "sent" | "rejected" | "not_linked" | "mentioned";
                            }[];
                            target: "employees" | "robot";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string | null;
                            appKey: string;
                            appSecretLast4: string;
                            baseUrl: string | null;
                            callbackPath: string;
                            companyId: number;
                            corpId: string;
                            createdAtMs: number;
                            hasCallbackToken: boolean;
                            hasEncodingAesKey: boolean;
                            hasRobot: boolean;
                            hasSecret: boolean;
                            id: number;
                            lastError: string | null;
                            name: string;
                            platform: "dingtalk" | "wecom";
                            robotSigned: boolean;
                            settings: {
                                approvalDays?: number;
                                budgetLimit?: number;
                                /** @description Share of the monthly allowance the schedule plans to spend (default 0.8) */
                                budgetShare?: number;
                                /** @description more than 0 */
                                budgetWarnAt?: number;
                                callbackMaxSkewSec?: number;
                                /** @description DingTalk edition: sets the documented per-second limit and monthly allowance */
                                edition?: "standard" | "professional" | "exclusive";
                                fieldOwnership?: {
                                    departmentId?: "platform" | "daka";
                                    email?: "platform" | "daka";
                                    jobNumber?: "platform" | "daka";
                                    managerId?: "platform" | "daka";
                                    mobile?: "platform" | "daka";
                                    name?: "platform" | "daka";
                                };
                                jobNumberAttrs?: string[];
                                /** @description WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation */
                                leaveSchedules?: boolean;
                                /** @description WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name) */
                                leaveTypeMap?: {
                                    [key: string]: string;
                                };
                                /** @description DingTalk: HTTP callbacks (default) or Stream mode */
                                pushChannel?: "callback" | "stream";
                                recentDays?: number;
                                reconcileToleranceMin?: number;
                                templateKinds?: {
                                    [key: string]: "leave" | "correction" | "overtime";
                                };
                                timeZone?: string;
                            };
                            status: "active" | "paused" | "error";
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Differences between the platform and Daka per employee-day */
        get: {
            parameters: {
                query?: {
                    date?: string;
                    employeeId?: number;
                    from?: string;
                    kind?: "missing_in_daka" | "missing_on_platform" | "different_result";
                    page?: number;
                    pageSize?: number;
                    to?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAtMs: number;
                                daka: unknown;
                                date: string;
                                employeeId: number | null;
                                externalUserId: string;
                                fields: string[];
                                id: number;
                                kind: string;
                                platform: unknown;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string | null;
                            appKey: string;
                            appSecretLast4: string;
                            baseUrl: string | null;
                            callbackPath: string;
                            companyId: number;
                            corpId: string;
                            createdAtMs: number;
                            hasCallbackToken: boolean;
                            hasEncodingAesKey: boolean;
                            hasRobot: boolean;
                            hasSecret: boolean;
                            id: number;
                            lastError: string | null;
                            name: string;
                            platform: "dingtalk" | "wecom";
                            robotSigned: boolean;
                            settings: {
                                approvalDays?: number;
                                budgetLimit?: number;
                                /** @description Share of the monthly allowance the schedule plans to spend (default 0.8) */
                                budgetShare?: number;
                                /** @description more than 0 */
                                budgetWarnAt?: number;
                                callbackMaxSkewSec?: number;
                                /** @description DingTalk edition: sets the documented per-second limit and monthly allowance */
                                edition?: "standard" | "professional" | "exclusive";
                                fieldOwnership?: {
                                    departmentId?: "platform" | "daka";
                                    email?: "platform" | "daka";
                                    jobNumber?: "platform" | "daka";
                                    managerId?: "platform" | "daka";
                                    mobile?: "platform" | "daka";
                                    name?: "platform" | "daka";
                                };
                                jobNumberAttrs?: string[];
                                /** @description WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation */
                                leaveSchedules?: boolean;
                                /** @description WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name) */
                                leaveTypeMap?: {
                                    [key: string]: string;
                                };
                                /** @description DingTalk: HTTP callbacks (default) or Stream mode */
                                pushChannel?: "callback" | "stream";
                                recentDays?: number;
                                reconcileToleranceMin?: number;
                                templateKinds?: {
                                    [key: string]: "leave" | "correction" | "overtime";
                                };
                                timeZone?: string;
                            };
                            status: "active" | "paused" | "error";
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    kind?: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                counts: unknown;
                                error: string | null;
                                finishedAtMs: number | null;
                                id: number;
                                kind: string;
                                params: unknown;
                                startedAtMs: number;
                                status: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a schedule (日程) into employees' WeCom calendars */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        employeeIds: number[];
                        end: string;
                        location?: string;
                        organizerEmployeeId?: number;
                        reminders?: (0 | 5 | 15 | 60 | 1440)[];
                        start: string;
                        summary: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attendees: {
                                employeeId: number;
                                externalUserId: string | null;
                                status: "invited" | "not_linked";
                            }[];
                            endAtMs: number;
                            scheduleId: string;
                            startAtMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a sync; from/to back-fill a date range */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        from?: string;
                        kind: "directory" | "punches" | "approvals" | "reconcile";
                        /** Format: date */
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string | null;
                            jobId: string | null;
                            kind: string;
                            queued: boolean;
                            to: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fetch an access token with the stored credentials */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string | null;
                            message: string;
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connectors/{id}/test-message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a message to one linked employee through the platform */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        employeeId: number;
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messageIds: string[];
                            rejectedRecipients: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboard/today": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Today’s counts, a 30-day trend and the latest anomalies */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    date?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            anomalies: {
                                /** Format: date */
                                date: string;
                                earlyMinutes: number;
                                employee: {
                                    id: number;
                                    jobNumber: string;
                                    name: string;
                                };
                                inProgress: boolean;
                                /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00 */
                                inTime: string | null;
                                lateMinutes: number;
                                missingIn: boolean;
                                missingOut: boolean;
                                /** @description ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00 */
                                outTime: string | null;
                                status: "present" | "half_day" | "absent" | "missing_punch" | "on_leave" | "rest" | "holiday";
                            }[];
                            /** @description the dates the anomaly list covers */
                            anomalyRange: {
                                /** Format: date */
                                from: string;
                                /** Format: date */
                                to: string;
                            };
                            /** @description anomalies in that range; the list shows the latest few */
                            anomalyTotal: number;
                            counts: {
                                absent: number;
                                expected: number;
                                late: number;
                                missingPunch: number;
                                /** @description absent or missing a punch while the check-out window is still open (待打卡) */
                                notYetPunched: number;
                                onLeave: number;
                                present: number;
                            };
                            /** Format: date */
                            date: string;
                            trend: {
                                /** @description present / (expected − on leave), 4 decimals */
                                attendanceRate: number | null;
                                /** Format: date */
                                date: string;
                                expected: number;
                                late: number;
                                present: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    active?: boolean;
                    companyId?: number;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                code: string | null;
                                companyId: number;
                                id: number;
                                managerEmployeeId: number | null;
                                name: string;
                                parentId: number | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string | null;
                        companyId: number;
                        managerEmployeeId?: number | null;
                        name: string;
                        parentId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string | null;
                            companyId: number;
                            id: number;
                            managerEmployeeId: number | null;
                            name: string;
                            parentId: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string | null;
                            companyId: number;
                            id: number;
                            managerEmployeeId: number | null;
                            name: string;
                            parentId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string | null;
                        managerEmployeeId?: number | null;
                        name?: string;
                        parentId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string | null;
                            companyId: number;
                            id: number;
                            managerEmployeeId: number | null;
                            name: string;
                            parentId: number | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/departments/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string | null;
                            companyId: number;
                            id: number;
                            managerEmployeeId: number | null;
                            name: string;
                            parentId: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    companyId?: number;
                    online?: boolean;
                    page?: number;
                    pageSize?: number;
                    siteId?: number;
                    status?: "pending" | "active" | "disabled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                allowedIps: string[] | null;
                                attlogCount: number | null;
                                clockCheckedAtMs: number | null;
                                clockSkewMs: number | null;
                                companyId: number | null;
                                createdAtMs: number;
                                faceCount: number | null;
                                firmware: string | null;
                                fpCount: number | null;
                                hasAuthToken: boolean;
                                id: number;
                                lagMs: number | null;
                                language: string | null;
                                lastIp: string | null;
                                lastPunchAtMs: number | null;
                                lastSeenAtMs: number | null;
                                lastUploadAtMs: number | null;
                                limitHit: string | null;
                                limitHitAtMs: number | null;
                                mac: string | null;
                                model: string | null;
                                name: string;
                                offlineAfterMin: number;
                                online: boolean;
                                pullUrl: string | null;
                                pushOptions: {
                                    [key: string]: unknown;
                                };
                                pushVersion: string | null;
                                serialNumber: string;
                                siteId: number | null;
                                status: "pending" | "active" | "disabled";
                                statusMap: {
                                    [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                                } | null;
                                timeZone: string;
                                timeZoneSetting: string | null;
                                updatedAtMs: number;
                                userCount: number | null;
                                vendor: "zkteco" | "hikvision" | "other";
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowedIps?: string[] | null;
                        authToken?: string | null;
                        companyId: number;
                        mac?: string | null;
                        model?: string | null;
                        name: string;
                        offlineAfterMin?: number;
                        pushOptions?: {
                            delaySec?: number;
                            errorDelaySec?: number;
                            realtime?: boolean;
                            sendTimeZone?: boolean;
                            transIntervalMin?: number;
                            transTimes?: string;
                        };
                        serialNumber: string;
                        siteId?: number | null;
                        statusMap?: {
                            [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                        } | null;
                        timeZone?: string | null;
                        vendor: "zkteco" | "hikvision" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedIps: string[] | null;
                            attlogCount: number | null;
                            clockCheckedAtMs: number | null;
                            clockSkewMs: number | null;
                            companyId: number | null;
                            createdAtMs: number;
                            faceCount: number | null;
                            firmware: string | null;
                            fpCount: number | null;
                            hasAuthToken: boolean;
                            id: number;
                            lagMs: number | null;
                            language: string | null;
                            lastIp: string | null;
                            lastPunchAtMs: number | null;
                            lastSeenAtMs: number | null;
                            lastUploadAtMs: number | null;
                            limitHit: string | null;
                            limitHitAtMs: number | null;
                            mac: string | null;
                            model: string | null;
                            name: string;
                            offlineAfterMin: number;
                            online: boolean;
                            pullUrl: string | null;
                            pushOptions: {
                                [key: string]: unknown;
                            };
                            pushVersion: string | null;
                            serialNumber: string;
                            siteId: number | null;
                            status: "pending" | "active" | "disabled";
                            statusMap: {
                                [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                            } | null;
                            timeZone: string;
                            timeZoneSetting: string | null;
                            updatedAtMs: number;
                            userCount: number | null;
                            vendor: "zkteco" | "hikvision" | "other";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedIps: string[] | null;
                            attlogCount: number | null;
                            clockCheckedAtMs: number | null;
                            clockSkewMs: number | null;
                            companyId: number | null;
                            createdAtMs: number;
                            faceCount: number | null;
                            firmware: string | null;
                            fpCount: number | null;
                            gaps: {
                                atMs: number;
                                details: unknown;
                                id: number;
                                kind: string;
                            }[];
                            hasAuthToken: boolean;
                            heldPunches: number;
                            id: number;
                            lagMs: number | null;
                            language: string | null;
                            lastIp: string | null;
                            lastPunchAtMs: number | null;
                            lastSeenAtMs: number | null;
                            lastUploadAtMs: number | null;
                            limitHit: string | null;
                            limitHitAtMs: number | null;
                            mac: string | null;
                            model: string | null;
                            name: string;
                            offlineAfterMin: number;
                            online: boolean;
                            pendingCommands: number;
                            pullUrl: string | null;
                            pushOptions: {
                                [key: string]: unknown;
                            };
                            pushVersion: string | null;
                            recentEvents: {
                                atMs: number;
                                details: unknown;
                                id: number;
                                kind: string;
                            }[];
                            serialNumber: string;
                            siteId: number | null;
                            status: "pending" | "active" | "disabled";
                            statusMap: {
                                [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                            } | null;
                            timeZone: string;
                            timeZoneSetting: string | null;
                            updatedAtMs: number;
                            userCount: number | null;
                            vendor: "zkteco" | "hikvision" | "other";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowedIps?: string[] | null;
                        authToken?: string | null;
                        mac?: string | null;
                        model?: string | null;
                        name?: string;
                        offlineAfterMin?: number;
                        pullUrl?: string | null;
                        pushOptions?: {
                            delaySec?: number;
                            errorDelaySec?: number;
                            realtime?: boolean;
                            sendTimeZone?: boolean;
                            transIntervalMin?: number;
                            transTimes?: string;
                        };
                        siteId?: number | null;
                        statusMap?: {
                            [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                        } | null;
                        timeZone?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedIps: string[] | null;
                            attlogCount: number | null;
                            clockCheckedAtMs: number | null;
                            clockSkewMs: number | null;
                            companyId: number | null;
                            createdAtMs: number;
                            faceCount: number | null;
                            firmware: string | null;
                            fpCount: number | null;
                            hasAuthToken: boolean;
                            id: number;
                            lagMs: number | null;
                            language: string | null;
                            lastIp: string | null;
                            lastPunchAtMs: number | null;
                            lastSeenAtMs: number | null;
                            lastUploadAtMs: number | null;
                            limitHit: string | null;
                            limitHitAtMs: number | null;
                            mac: string | null;
                            model: string | null;
                            name: string;
                            offlineAfterMin: number;
                            online: boolean;
                            pullUrl: string | null;
                            pushOptions: {
                                [key: string]: unknown;
                            };
                            pushVersion: string | null;
                            serialNumber: string;
                            siteId: number | null;
                            status: "pending" | "active" | "disabled";
                            statusMap: {
                                [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                            } | null;
                            timeZone: string;
                            timeZoneSetting: string | null;
                            updatedAtMs: number;
                            userCount: number | null;
                            vendor: "zkteco" | "hikvision" | "other";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/devices/{id}/alert-stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Follow a Hikvision terminal over ISAPI alertStream at its registered address (the password is sealed, never returned) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            following: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Stop following the terminal and forget its login */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            following: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a pending device to a company; its held punches are ingested */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        lockToAddress?: boolean;
                        name?: string;
                        siteId?: number;
                        statusMap?: {
                            [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                        } | null;
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            device: {
                                allowedIps: string[] | null;
                                attlogCount: number | null;
                                clockCheckedAtMs: number | null;
                                clockSkewMs: number | null;
                                companyId: number | null;
                                createdAtMs: number;
                                faceCount: number | null;
                                firmware: string | null;
                                fpCount: number | null;
                                hasAuthToken: boolean;
                                id: number;
                                lagMs: number | null;
                                language: string | null;
                                lastIp: string | null;
                                lastPunchAtMs: number | null;
                                lastSeenAtMs: number | null;
                                lastUploadAtMs: number | null;
                                limitHit: string | null;
                                limitHitAtMs: number | null;
                                mac: string | null;
                                model: string | null;
                                name: string;
                                offlineAfterMin: number;
                                online: boolean;
                                pullUrl: string | null;
                                pushOptions: {
                                    [key: string]: unknown;
                                };
                                pushVersion: string | null;
                                serialNumber: string;
                                siteId: number | null;
                                status: "pending" | "active" | "disabled";
                                statusMap: {
                                    [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                                } | null;
                                timeZone: string;
                                timeZoneSetting: string | null;
                                updatedAtMs: number;
                                userCount: number | null;
                                vendor: "zkteco" | "hikvision" | "other";
                            };
                            duplicates: number;
                            moved: number;
                            unmatched: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                command: string;
                                createdAtMs: number;
                                finishedAtMs: number | null;
                                id: number;
                                kind: string;
                                result: unknown;
                                returnCode: number | null;
                                sentAtMs: number | null;
                                status: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Queue a command; the device fetches it on its next poll */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        employeeIds?: number[];
                        from?: string;
                        kind: "sync_users" | "delete_user" | "query_attlog" | "reboot" | "sync_clock" | "info";
                        pins?: string[];
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                command: string;
                                createdAtMs: number;
                                finishedAtMs: number | null;
                                id: number;
                                kind: string;
                                result: unknown;
                                returnCode: number | null;
                                sentAtMs: number | null;
                                status: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedIps: string[] | null;
                            attlogCount: number | null;
                            clockCheckedAtMs: number | null;
                            clockSkewMs: number | null;
                            companyId: number | null;
                            createdAtMs: number;
                            faceCount: number | null;
                            firmware: string | null;
                            fpCount: number | null;
                            hasAuthToken: boolean;
                            id: number;
                            lagMs: number | null;
                            language: string | null;
                            lastIp: string | null;
                            lastPunchAtMs: number | null;
                            lastSeenAtMs: number | null;
                            lastUploadAtMs: number | null;
                            limitHit: string | null;
                            limitHitAtMs: number | null;
                            mac: string | null;
                            model: string | null;
                            name: string;
                            offlineAfterMin: number;
                            online: boolean;
                            pullUrl: string | null;
                            pushOptions: {
                                [key: string]: unknown;
                            };
                            pushVersion: string | null;
                            serialNumber: string;
                            siteId: number | null;
                            status: "pending" | "active" | "disabled";
                            statusMap: {
                                [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                            } | null;
                            timeZone: string;
                            timeZoneSetting: string | null;
                            updatedAtMs: number;
                            userCount: number | null;
                            vendor: "zkteco" | "hikvision" | "other";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedIps: string[] | null;
                            attlogCount: number | null;
                            clockCheckedAtMs: number | null;
                            clockSkewMs: number | null;
                            companyId: number | null;
                            createdAtMs: number;
                            faceCount: number | null;
                            firmware: string | null;
                            fpCount: number | null;
                            hasAuthToken: boolean;
                            id: number;
                            lagMs: number | null;
                            language: string | null;
                            lastIp: string | null;
                            lastPunchAtMs: number | null;
                            lastSeenAtMs: number | null;
                            lastUploadAtMs: number | null;
                            limitHit: string | null;
                            limitHitAtMs: number | null;
                            mac: string | null;
                            model: string | null;
                            name: string;
                            offlineAfterMin: number;
                            online: boolean;
                            pullUrl: string | null;
                            pushOptions: {
                                [key: string]: unknown;
                            };
                            pushVersion: string | null;
                            serialNumber: string;
                            siteId: number | null;
                            status: "pending" | "active" | "disabled";
                            statusMap: {
                                [key: string]: "in" | "out" | "break_out" | "break_in" | "ot_in" | "ot_out" | (never | null);
                            } | null;
                            timeZone: string;
                            timeZoneSetting: string | null;
                            updatedAtMs: number;
                            userCount: number | null;
                            vendor: "zkteco" | "hikvision" | "other";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import attlog.dat / CSV / XLSX punches of this device (dryRun=true only checks) */
        post: {
            parameters: {
                query?: {
                    dryRun?: boolean;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contentBase64: string;
                        filename: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            duplicates?: number;
                            format: string;
                            problems: {
                                column?: string;
                                line: number;
                                message: string;
                            }[];
                            stored?: number;
                            total: number;
                            valid: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/oplog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The terminal's operation log, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Device wall date YYYY-MM-DD */
                    from?: string;
                    opType?: number;
                    page?: number;
                    pageSize?: number;
                    /** @description Device wall date YYYY-MM-DD */
                    to?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                operator: string | null;
                                opType: number | null;
                                receivedAtMs: number;
                                time: string | null;
                                values: string[];
                                who: string | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Back-fill a date range from a Hikvision terminal over ISAPI (the credentials are used once, never stored) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        from: string;
                        password: string;
                        /** Format: date */
                        to: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            complete: boolean;
                            duplicates: number;
                            fetched: number;
                            ignored: number;
                            stored: number;
                            timeFilter: "device" | "local";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The users the terminal reported: PIN, name, masked card, privilege, which template kinds it holds (never a template), the matched employee and the hub's push state */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                    /** @description Part of a PIN or name */
                    q?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                cardMasked: string | null;
                                copies: {
                                    acked: number;
                                    failed: number;
                                    pending: number;
                                };
                                employee: {
                                    id: number;
                                    name: string;
                                } | null;
                                hasPassword: boolean;
                                name: string | null;
                                pin: string;
                                privilege: number | null;
                                push: {
                                    action: "update" | "delete";
                                    attempts: number;
                                    returnCode: number | null;
                                    status: "pending" | "acked" | "failed";
                                    updatedAtMs: number;
                                } | null;
                                templates: {
                                    count: number;
                                    kind: string;
                                }[];
                                updatedAtMs: number;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description What unknown devices may make Daka store, how many devices wait for approval, and refusals since this instance started */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limits: {
                                maxHeldPunchesPerDevice: number;
                                maxPendingDevices: number;
                                maxPhotoBytesPerDevice: number;
                                newSerialsPerAddressPerHour: number;
                            };
                            pendingDevices: number;
                            refusals: {
                                held_punches: number;
                                lastAtMs: number | null;
                                new_serials: number;
                                pending_devices: number;
                                photo_bytes: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/employees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    companyId?: number;
                    departmentId?: number;
                    includeSubdepartments?: boolean;
                    page?: number;
                    pageSize?: number;
                    q?: string;
                    status?: "active" | "inactive";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                companyId: number;
                                departmentId: number | null;
                                email: string | null;
                                hireDate: string | null;
                                id: number;
                                jobNumber: string;
                                leaveDate: string | null;
                                managerId: number | null;
                                mobile: string | null;
                                name: string;
                                siteId: number | null;
                                status: "active" | "inactive";
                                timeZone: string | null;
                                workStartDate: string | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        departmentId?: number | null;
                        email?: string | null;
                        hireDate?: string | null;
                        jobNumber: string;
                        leaveDate?: string | null;
                        managerId?: number | null;
                        mobile?: string | null;
                        name: string;
                        siteId?: number | null;
                        status?: "active" | "inactive";
                        /** @description the employee's own IANA zone: their attendance is read in it before the group's and the company's; a change recomputes the open period */
                        timeZone?: string | null;
                        /** @description 参加工作日期: start of cumulative working years, for statutory annual leave */
                        workStartDate?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            departmentId: number | null;
                            email: string | null;
                            hireDate: string | null;
                            id: number;
                            jobNumber: string;
                            leaveDate: string | null;
                            managerId: number | null;
                            mobile: string | null;
                            name: string;
                            siteId: number | null;
                            status: "active" | "inactive";
                            timeZone: string | null;
                            workStartDate: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/employees/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            departmentId: number | null;
                            email: string | null;
                            hireDate: string | null;
                            id: number;
                            jobNumber: string;
                            leaveDate: string | null;
                            managerId: number | null;
                            mobile: string | null;
                            name: string;
                            siteId: number | null;
                            status: "active" | "inactive";
                            timeZone: string | null;
                            workStartDate: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        departmentId?: number | null;
                        email?: string | null;
                        hireDate?: string | null;
                        jobNumber?: string;
                        leaveDate?: string | null;
                        managerId?: number | null;
                        mobile?: string | null;
                        name?: string;
                        siteId?: number | null;
                        status?: "active" | "inactive";
                        /** @description the employee's own IANA zone: their attendance is read in it before the group's and the company's; a change recomputes the open period */
                        timeZone?: string | null;
                        /** @description 参加工作日期: start of cumulative working years, for statutory annual leave */
                        workStartDate?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            departmentId: number | null;
                            email: string | null;
                            hireDate: string | null;
                            id: number;
                            jobNumber: string;
                            leaveDate: string | null;
                            managerId: number | null;
                            mobile: string | null;
                            name: string;
                            siteId: number | null;
                            status: "active" | "inactive";
                            timeZone: string | null;
                            workStartDate: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/employees/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        leaveDate?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            departmentId: number | null;
                            email: string | null;
                            hireDate: string | null;
                            id: number;
                            jobNumber: string;
                            leaveDate: string | null;
                            managerId: number | null;
                            mobile: string | null;
                            name: string;
                            siteId: number | null;
                            status: "active" | "inactive";
                            timeZone: string | null;
                            workStartDate: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/employees/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Upserts employees by job number from a CSV (UTF-8 or GBK) or XLSX file. dryRun (the default) only reports; a real run applies all rows or none. A department is a code, a path (研发中心/后端组) or a unique name; an unknown or ambiguous one is a row problem unless createDepartments is set. */
        post: {
            parameters: {
                query: {
                    companyId: number;
                    dryRun?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contentBase64: string;
                        /**
                         * @description Create the missing levels of department paths the file names, under their parent
                         * @default false
                         */
                        createDepartments?: boolean;
                        filename: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            departmentsToCreate: string[];
                            dryRun: boolean;
                            problems: {
                                candidates?: string[];
                                code: string;
                                column: string | null;
                                line: number;
                                message: string;
                                value?: string;
                            }[];
                            total: number;
                            unchanged: number;
                            updated: number;
                            valid: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/employees/import-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A CSV with every column the employee import reads (Chinese headers) and one example row. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The CSV template */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holiday-calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    companyId?: number;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                companyId: number | null;
                                id: number;
                                name: string;
                                weekendDays: number[];
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** @description null: shared by every company (admins only) */
                        companyId: number | null;
                        name: string;
                        /** @description 0 = Sunday … 6 = Saturday */
                        weekendDays?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            companyId: number | null;
                            id: number;
                            name: string;
                            weekendDays: number[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holiday-calendars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            companyId: number | null;
                            id: number;
                            name: string;
                            weekendDays: number[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        name?: string;
                        /** @description 0 = Sunday … 6 = Saturday */
                        weekendDays?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            companyId: number | null;
                            id: number;
                            name: string;
                            weekendDays: number[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/holiday-calendars/{id}/days": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    from?: string;
                    page?: number;
                    pageSize?: number;
                    to?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                date: string;
                                dayType: "workday" | "makeup_workday" | "rest_day" | "statutory_holiday";
                                name: string | null;
                                source: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        days: {
                            /** Format: date */
                            date: string;
                            dayType: "workday" | "makeup_workday" | "rest_day" | "statutory_holiday";
                            name?: string | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            saved: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holiday-calendars/{id}/days/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    date: string;
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holiday-calendars/import-china": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Imports China's statutory holidays and 调休 workdays from chinese-days; days edited by hand are kept. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the shared calendar with code CN (created if missing) */
                        calendarId?: number;
                        years?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendarId: number;
                            inserted: number;
                            keptManual: number;
                            unchanged: number;
                            updated: number;
                            years: number[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId?: number;
                        /** @enum {string} */
                        event: "checkin.created" | "checkin.unmatched" | "attendance_day.changed" | "request.submitted" | "request.approved" | "request.rejected" | "request.cancelled" | "employee.created" | "employee.updated" | "employee.left" | "device.offline" | "device.online" | "connector.run_failed" | "month.closed" | "payroll.adjustment_recorded" | "webhook.disabled";
                        /** @description https://… (plain http only for hosts the operator allows in DAKA_CONNECTOR_BASE_URLS) */
                        target_url: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: string;
                            id: number;
                            /** @description whsec_… signing secret, shown once */
                            secret: string;
                            target_url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hooks/samples/{event}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    companyId?: number;
                };
                header?: never;
                path: {
                    event: "checkin.created" | "checkin.unmatched" | "attendance_day.changed" | "request.submitted" | "request.approved" | "request.rejected" | "request.cancelled" | "employee.created" | "employee.updated" | "employee.left" | "device.offline" | "device.online" | "connector.run_failed" | "month.closed" | "payroll.adjustment_recorded" | "webhook.disabled";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            /** @description The event's payload: see the WebhookEvent_* schemas */
                            data: {
                                [key: string]: unknown;
                            };
                            id: string;
                            timestamp: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    employeeId: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                companyId: number;
                                employeeId: number;
                                externalId: string;
                                id: number;
                                provider: string;
                                tenant: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Link an external identity to an employee; its unmatched punches are attributed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        employeeId: number;
                        externalId: string;
                        provider: "device" | "dingtalk" | "wecom" | "job_number";
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description unmatched punches now attributed to the employee */
                            attributedPunches: number;
                            identity: {
                                companyId: number;
                                employeeId: number;
                                externalId: string;
                                id: number;
                                provider: string;
                                tenant: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identities/unmatched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Identities with punches but no employee */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                externalId: string;
                                firstAtMs: number;
                                lastAtMs: number;
                                provider: string;
                                punchCount: number;
                                tenant: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Balances per employee and tracked leave type at asOf (default today): employees see their own, managers their team, HR everyone */
        get: {
            parameters: {
                query: {
                    asOf?: string;
                    companyId: number;
                    departmentId?: number;
                    employeeId?: number;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            items: {
                                balances: {
                                    adjusted: number;
                                    allowNegative: boolean;
                                    /** @description What a new request may use: live lots, less leave approved for later dates and pending requests */
                                    available: number;
                                    /** @description Sum of the ledger up to asOf */
                                    balance: number;
                                    expired: number;
                                    /** @description Unused time that lapses within 30 days of asOf */
                                    expiringSoon: number;
                                    granted: number;
                                    leaveType: string;
                                    name: string;
                                    pending: number;
                                    unit: "day" | "half_day" | "hour";
                                    used: number;
                                }[];
                                departmentId: number | null;
                                employeeId: number;
                                jobNumber: string;
                                name: string;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-balances/{employeeId}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    leaveType?: string;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    employeeId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                amount: number;
                                createdAtMs: number;
                                createdByUserId: number | null;
                                effectiveDate: string;
                                employeeId: number;
                                expiresOn: string | null;
                                /** @description YYYY-MM of the leave days a request entry books (a late entry for a closed month is dated in the open month it is carried into) */
                                forMonth: string | null;
                                id: number;
                                kind: "grant" | "accrual" | "carry_over" | "expiry" | "leave_taken" | "leave_cancelled" | "adjustment" | "overtime_credit" | "import";
                                leaveType: string;
                                reason: string;
                                ref: string | null;
                                requestId: number | null;
                            }[];
                            limit: number;
                            offset: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-balances/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A manual ledger entry (HR), dated, with a reason; audited */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: number;
                        /** Format: date */
                        effectiveDate: string;
                        employeeId: number;
                        /** Format: date */
                        expiresOn?: string | null;
                        leaveType: string;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            createdAtMs: number;
                            createdByUserId: number | null;
                            effectiveDate: string;
                            employeeId: number;
                            expiresOn: string | null;
                            /** @description YYYY-MM of the leave days a request entry books (a late entry for a closed month is dated in the open month it is carried into) */
                            forMonth: string | null;
                            id: number;
                            kind: "grant" | "accrual" | "carry_over" | "expiry" | "leave_taken" | "leave_cancelled" | "adjustment" | "overtime_credit" | "import";
                            leaveType: string;
                            reason: string;
                            ref: string | null;
                            requestId: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-balances/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Opening balances from CSV or XLSX; dryRun reports problems by line and posts nothing; all rows or none; re-importing posts nothing twice */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        /** @description CSV (UTF-8 or GBK) or XLSX: 工号, 假期类型 (code or name), 余额, optional 生效日期 and 备注 */
                        contentBase64: string;
                        dryRun?: boolean;
                        filename: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyImported: number;
                            dryRun: boolean;
                            posted: number;
                            problems: {
                                code: string;
                                column: string;
                                line: number;
                                message: string;
                            }[];
                            rows: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-balances/overtime-credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Credits 调休 hours for overtime in [fromDate, toDate] per each group policy; re-runs post only differences */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        dryRun?: boolean;
                        /** Format: date */
                        fromDate: string;
                        /** Format: date */
                        toDate: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byType: {
                                [key: string]: {
                                    amount: number;
                                    entries: number;
                                };
                            };
                            dryRun: boolean;
                            employees: number;
                            entries: number;
                            preview: {
                                amount: number;
                                effectiveDate: string;
                                employeeId: number;
                                expiresOn: string | null;
                                kind: string;
                                leaveType: string;
                                reason: string;
                                ref: string;
                            }[];
                            runDate: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-balances/price": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description What a leave request would cost from the schedule, and whether the balance covers it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        employeeId?: number;
                        /** Format: date */
                        fromDate: string;
                        half?: ("am" | "pm") | (never | null);
                        hours?: number | null;
                        leaveType: string;
                        /** Format: date */
                        toDate?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            available: number | null;
                            days: {
                                amount: number;
                                date: string;
                            }[];
                            fits: boolean;
                            freeDates: string[];
                            leaveType: string;
                            tracked: boolean;
                            unit: "day" | "half_day" | "hour";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-balances/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every active leave type with its balance rules (null: keeps no balance) */
        get: {
            parameters: {
                query: {
                    companyId: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                leaveType: string;
                                name: string;
                                rules: {
                                    accrual: "none" | "statutory_annual" | "yearly" | "monthly";
                                    allowNegative: boolean;
                                    amount: number;
                                    bands: {
                                        amount: number;
                                        fromYears: number;
                                    }[];
                                    calendarDays: boolean;
                                    carryOver: {
                                        cap: number;
                                        /** @description MM-DD of the next year (checked: INVALID_MONTH_DAY) */
                                        expiresOn: string;
                                    } | null;
                                    creditExpiryDays: number;
                                    expiresAtYearEnd: boolean;
                                    welfareDays: number;
                                } | null;
                                unit: "day" | "half_day" | "hour";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-balances/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Posts the grants, accruals, carry-overs and expiries due on runDate (default today); dryRun previews. Idempotent. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        dryRun?: boolean;
                        /** Format: date */
                        runDate?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byType: {
                                [key: string]: {
                                    amount: number;
                                    entries: number;
                                };
                            };
                            dryRun: boolean;
                            employees: number;
                            entries: number;
                            preview: {
                                amount: number;
                                effectiveDate: string;
                                employeeId: number;
                                expiresOn: string | null;
                                kind: string;
                                leaveType: string;
                                reason: string;
                                ref: string;
                            }[];
                            runDate: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    active?: boolean;
                    companyId: number;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                code: string;
                                companyId: number;
                                id: number;
                                name: string;
                                paid: boolean;
                                unit: "day" | "half_day" | "hour";
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        companyId: number;
                        name: string;
                        paid?: boolean;
                        unit?: "day" | "half_day" | "hour";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string;
                            companyId: number;
                            id: number;
                            name: string;
                            paid: boolean;
                            unit: "day" | "half_day" | "hour";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-types/{code}/balance-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Accrual, carry-over, expiry and negative-balance rules of a leave type; null stops tracking */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        rules: {
                            accrual: "none" | "statutory_annual" | "yearly" | "monthly";
                            allowNegative: boolean;
                            amount: number;
                            bands: {
                                amount: number;
                                fromYears: number;
                            }[];
                            calendarDays: boolean;
                            carryOver: {
                                cap: number;
                                /** @description MM-DD of the next year (checked: INVALID_MONTH_DAY) */
                                expiresOn: string;
                            } | null;
                            creditExpiryDays: number;
                            expiresAtYearEnd: boolean;
                            welfareDays: number;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            leaveType: string;
                            rules: {
                                accrual: "none" | "statutory_annual" | "yearly" | "monthly";
                                allowNegative: boolean;
                                amount: number;
                                bands: {
                                    amount: number;
                                    fromYears: number;
                                }[];
                                calendarDays: boolean;
                                carryOver: {
                                    cap: number;
                                    /** @description MM-DD of the next year (checked: INVALID_MONTH_DAY) */
                                    expiresOn: string;
                                } | null;
                                creditExpiryDays: number;
                                expiresAtYearEnd: boolean;
                                welfareDays: number;
                            } | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leave-types/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        name?: string;
                        paid?: boolean;
                        unit?: "day" | "half_day" | "hour";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string;
                            companyId: number;
                            id: number;
                            name: string;
                            paid: boolean;
                            unit: "day" | "half_day" | "hour";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/leave-types/seed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Adds the common types (年假, 事假, 病假, 调休, 婚假, 产假, 丧假) the company lacks */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                code: string;
                                companyId: number;
                                id: number;
                                name: string;
                                paid: boolean;
                                unit: "day" | "half_day" | "hour";
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in employee's clock-in page: group rules, geofences, today's punches and a single-use challenge */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenge: string;
                            challengeExpiresAtMs: number;
                            /** Format: date */
                            date: string;
                            employee: {
                                id: number;
                                jobNumber: string;
                                name: string;
                            };
                            fences: {
                                lat: number;
                                lng: number;
                                name: string;
                                radiusM: number;
                                siteId: number;
                            }[];
                            groupName: string | null;
                            rules: {
                                enabled: boolean;
                                fieldWork: boolean;
                                location: "off" | "required";
                                maxAccuracyM: number;
                                photo: "off" | "optional" | "required";
                            };
                            serverNowMs: number;
                            timeZone: string;
                            today: {
                                atMs: number;
                                id: number;
                                source: string;
                                wallTime: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Punch now from the browser (H5 打卡); the server clock decides the time */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the single-use token from GET /me/clock */
                        challenge: string;
                        fieldWorkReason?: string;
                        location?: {
                            /** @description GeolocationCoordinates.accuracy, metres */
                            accuracyM: number;
                            lat: number;
                            lng: number;
                        };
                        /** @description data:image/jpeg;base64,… */
                        photo?: string;
                        userAgent?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkin: {
                                atMs: number;
                                id: number;
                                timeZone: string;
                                wallTime: string;
                            };
                            fieldWorkReason: string | null;
                            geofence: {
                                distanceM: number | null;
                                siteId: number | null;
                                verdict: string;
                            } | null;
                            outcome: "created" | "duplicate";
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkin: {
                                atMs: number;
                                id: number;
                                timeZone: string;
                                wallTime: string;
                            };
                            fieldWorkReason: string | null;
                            geofence: {
                                distanceM: number | null;
                                siteId: number | null;
                                verdict: string;
                            } | null;
                            outcome: "created" | "duplicate";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/month-closes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    companyId: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                closedAtMs: number;
                                closedByUserId: number | null;
                                companyId: number;
                                departmentId: number | null;
                                /** @description Employees this close holds (an employee-month is held by one close only) */
                                employeeCount: number;
                                id: number;
                                month: string;
                                reopenedAtMs: number | null;
                                reopenedByUserId: number | null;
                                reopenReason: string | null;
                                /** @description company: the whole company; department: the department and its sub-departments; all: this company's part of closing everyone */
                                scope: "company" | "department" | "all";
                                status: "closed" | "reopened";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** @description Closes a month for payroll for a company, a department with its sub-departments, or everyone (every company the actor may close): each employee-month not closed yet is held by this close; results frozen, later punches, corrections and leave changes for its days become payroll adjustments carried into the next open month; emits month.closed per company */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId?: number;
                        departmentId?: number;
                        /**
                         * Format: month
                         * @description YYYY-MM
                         */
                        month: string;
                        /** @description default company */
                        scope?: "company" | "department" | "all";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                closedAtMs: number;
                                closedByUserId: number | null;
                                companyId: number;
                                departmentId: number | null;
                                /** @description Employees this close holds (an employee-month is held by one close only) */
                                employeeCount: number;
                                id: number;
                                month: string;
                                reopenedAtMs: number | null;
                                reopenedByUserId: number | null;
                                reopenReason: string | null;
                                /** @description company: the whole company; department: the department and its sub-departments; all: this company's part of closing everyone */
                                scope: "company" | "department" | "all";
                                status: "closed" | "reopened";
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/month-closes/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Reopens one close (exactly the employee-months it holds); the reason is kept and audited */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAtMs: number;
                            closedByUserId: number | null;
                            companyId: number;
                            departmentId: number | null;
                            /** @description Employees this close holds (an employee-month is held by one close only) */
                            employeeCount: number;
                            id: number;
                            month: string;
                            reopenedAtMs: number | null;
                            reopenedByUserId: number | null;
                            reopenReason: string | null;
                            /** @description company: the whole company; department: the department and its sub-departments; all: this company's part of closing everyone */
                            scope: "company" | "department" | "all";
                            status: "closed" | "reopened";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/month-closes/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Reopens the closes of a month made with the same scope (company, department or everyone); the reason is kept and audited */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId?: number;
                        departmentId?: number;
                        /**
                         * Format: month
                         * @description YYYY-MM
                         */
                        month: string;
                        reason: string;
                        /** @description default company */
                        scope?: "company" | "department" | "all";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                closedAtMs: number;
                                closedByUserId: number | null;
                                companyId: number;
                                departmentId: number | null;
                                /** @description Employees this close holds (an employee-month is held by one close only) */
                                employeeCount: number;
                                id: number;
                                month: string;
                                reopenedAtMs: number | null;
                                reopenedByUserId: number | null;
                                reopenReason: string | null;
                                /** @description company: the whole company; department: the department and its sub-departments; all: this company's part of closing everyone */
                                scope: "company" | "department" | "all";
                                status: "closed" | "reopened";
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/month-confirmations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    companyId: number;
                    /** @description YYYY-MM */
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                atMs: number;
                                employeeId: number;
                                month: string;
                                objection: string | null;
                                status: "confirmed" | "objected";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** @description The employee confirms their month (考勤确认), or objects with a note */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        /**
                         * Format: month
                         * @description YYYY-MM
                         */
                        month: string;
                        objection?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            atMs: number;
                            employeeId: number;
                            month: string;
                            objection: string | null;
                            status: "confirmed" | "objected";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    companyId: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            dailyCap: number;
                            defaultChannel: "dingtalk" | "wecom" | "email" | "webhook";
                            digestAt: string;
                            dingtalkConnectorId: number | null;
                            enabled: boolean;
                            groupReminders: {
                                enabled: boolean;
                                groupId: number;
                                inBeforeMin: number;
                                outAfterMin: number;
                            }[];
                            kinds: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                            ops: {
                                clockSkewMin: number;
                                gapHours: number;
                                monthCloseDays: number;
                            };
                            quietHours: {
                                end: string;
                                start: string;
                            } | null;
                            remindInBeforeMin: number;
                            remindOutAfterMin: number;
                            requestReminderHours: number;
                            robotConnectorId: number | null;
                            smtp: {
                                from: string;
                                hasPassword: boolean;
                                host: string;
                                port: number;
                                secure: boolean;
                                user: string | null;
                            } | null;
                            webhookEndpointId: number | null;
                            wecomConnectorId: number | null;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        dailyCap?: number;
                        defaultChannel?: "dingtalk" | "wecom" | "email" | "webhook";
                        digestAt?: string;
                        dingtalkConnectorId?: number | null;
                        enabled?: boolean;
                        groupReminders?: {
                            enabled: boolean;
                            groupId: number;
                            inBeforeMin: number;
                            outAfterMin: number;
                        }[];
                        kinds?: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                        ops?: {
                            /** @description Report a device clock off by more than this many minutes */
                            clockSkewMin?: number;
                            /** @description Report a device gap still unfilled this many hours after the device came back */
                            gapHours?: number;
                            /** @description Report the previous month still open on this day of the month */
                            monthCloseDays?: number;
                        };
                        quietHours?: {
                            end: string;
                            start: string;
                        } | null;
                        remindInBeforeMin?: number;
                        remindOutAfterMin?: number;
                        requestReminderHours?: number;
                        robotConnectorId?: number | null;
                        smtp?: {
                            from: string;
                            host: string;
                            password?: string | null;
                            port: number;
                            secure: boolean;
                            user?: string | null;
                        } | null;
                        /** @description A webhook endpoint of purpose 'notifications' of this company: the 'webhook' channel */
                        webhookEndpointId?: number | null;
                        wecomConnectorId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            dailyCap: number;
                            defaultChannel: "dingtalk" | "wecom" | "email" | "webhook";
                            digestAt: string;
                            dingtalkConnectorId: number | null;
                            enabled: boolean;
                            groupReminders: {
                                enabled: boolean;
                                groupId: number;
                                inBeforeMin: number;
                                outAfterMin: number;
                            }[];
                            kinds: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                            ops: {
                                clockSkewMin: number;
                                gapHours: number;
                                monthCloseDays: number;
                            };
                            quietHours: {
                                end: string;
                                start: string;
                            } | null;
                            remindInBeforeMin: number;
                            remindOutAfterMin: number;
                            requestReminderHours: number;
                            robotConnectorId: number | null;
                            smtp: {
                                from: string;
                                hasPassword: boolean;
                                host: string;
                                port: number;
                                secure: boolean;
                                user: string | null;
                            } | null;
                            webhookEndpointId: number | null;
                            wecomConnectorId: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    companyId: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                body: string;
                                custom: boolean;
                                defaultBody: string;
                                defaultTitle: string;
                                kind: "anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled";
                                locale: "zh-CN" | "en";
                                title: string;
                                updatedAt: string | null;
                                variables: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-templates/{kind}/{locale}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: "anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled";
                    locale: "zh-CN" | "en";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Lines of markdown with the same variables; empty lines are dropped. The link back into Daka is always added. */
                        body: string;
                        companyId: number;
                        /** @description One line; {{variable}} and {{#variable}}…{{/variable}} (shown when not empty) */
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            custom: boolean;
                            defaultBody: string;
                            defaultTitle: string;
                            kind: "anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled";
                            locale: "zh-CN" | "en";
                            title: string;
                            updatedAt: string | null;
                            variables: string[];
                        };
                    };
                };
            };
        };
        post?: never;
        /** @description Back to the built-in default */
        delete: {
            parameters: {
                query: {
                    companyId: number;
                };
                header?: never;
                path: {
                    kind: "anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled";
                    locale: "zh-CN" | "en";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            custom: boolean;
                            defaultBody: string;
                            defaultTitle: string;
                            kind: "anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled";
                            locale: "zh-CN" | "en";
                            title: string;
                            updatedAt: string | null;
                            variables: string[];
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-templates/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body?: string;
                        companyId: number;
                        /**
                         * @description 'real': the facts of the latest notification of this kind (else the sample)
                         * @default sample
                         */
                        data?: "sample" | "real";
                        kind: "anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled";
                        locale: "zh-CN" | "en";
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: "sample" | "real";
                            link: string | null;
                            markdown: string;
                            title: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    beforeId?: number;
                    companyId: number;
                    limit?: number;
                    status?: "pending" | "delivered" | "dead" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                channel: string | null;
                                createdAt: string;
                                employeeId: number | null;
                                finishedAt: string | null;
                                id: number;
                                kind: string;
                                lastError: string | null;
                                notBefore: string;
                                remoteId: string | null;
                                status: "pending" | "delivered" | "skipped" | "dead" | "cancelled";
                                title: string | null;
                            }[];
                            nextBeforeId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/preferences/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channel: ("dingtalk" | "wecom" | "email" | "webhook") | (never | null);
                            effectiveChannel: ("dingtalk" | "wecom" | "email" | "webhook") | (never | null);
                            employeeId: number;
                            locale: "zh-CN" | "en" | (never | null);
                            managerDigest: "immediate" | "daily" | "weekly";
                            muted: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                            reachable: ("dingtalk" | "wecom" | "email" | "webhook")[];
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channel?: ("dingtalk" | "wecom" | "email" | "webhook") | (never | null);
                        locale?: "zh-CN" | "en" | (never | null);
                        managerDigest?: "immediate" | "daily" | "weekly";
                        muted?: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channel: ("dingtalk" | "wecom" | "email" | "webhook") | (never | null);
                            effectiveChannel: ("dingtalk" | "wecom" | "email" | "webhook") | (never | null);
                            employeeId: number;
                            locale: "zh-CN" | "en" | (never | null);
                            managerDigest: "immediate" | "daily" | "weekly";
                            muted: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                            reachable: ("dingtalk" | "wecom" | "email" | "webhook")[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        /** Format: date */
                        date: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            date: string;
                            reminders: {
                                at: string;
                                channel: string | null;
                                direction: "in" | "out";
                                employeeId: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @deprecated
         * @description Deprecated: use /notification-rules (same request and answer).
         */
        get: {
            parameters: {
                query: {
                    companyId: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            dailyCap: number;
                            defaultChannel: "dingtalk" | "wecom" | "email" | "webhook";
                            digestAt: string;
                            dingtalkConnectorId: number | null;
                            enabled: boolean;
                            groupReminders: {
                                enabled: boolean;
                                groupId: number;
                                inBeforeMin: number;
                                outAfterMin: number;
                            }[];
                            kinds: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                            ops: {
                                clockSkewMin: number;
                                gapHours: number;
                                monthCloseDays: number;
                            };
                            quietHours: {
                                end: string;
                                start: string;
                            } | null;
                            remindInBeforeMin: number;
                            remindOutAfterMin: number;
                            requestReminderHours: number;
                            robotConnectorId: number | null;
                            smtp: {
                                from: string;
                                hasPassword: boolean;
                                host: string;
                                port: number;
                                secure: boolean;
                                user: string | null;
                            } | null;
                            webhookEndpointId: number | null;
                            wecomConnectorId: number | null;
                        };
                    };
                };
            };
        };
        /**
         * @deprecated
         * @description Deprecated: use /notification-rules (same request and answer).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        dailyCap?: number;
                        defaultChannel?: "dingtalk" | "wecom" | "email" | "webhook";
                        digestAt?: string;
                        dingtalkConnectorId?: number | null;
                        enabled?: boolean;
                        groupReminders?: {
                            enabled: boolean;
                            groupId: number;
                            inBeforeMin: number;
                            outAfterMin: number;
                        }[];
                        kinds?: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                        ops?: {
                            /** @description Report a device clock off by more than this many minutes */
                            clockSkewMin?: number;
                            /** @description Report a device gap still unfilled this many hours after the device came back */
                            gapHours?: number;
                            /** @description Report the previous month still open on this day of the month */
                            monthCloseDays?: number;
                        };
                        quietHours?: {
                            end: string;
                            start: string;
                        } | null;
                        remindInBeforeMin?: number;
                        remindOutAfterMin?: number;
                        requestReminderHours?: number;
                        robotConnectorId?: number | null;
                        smtp?: {
                            from: string;
                            host: string;
                            password?: string | null;
                            port: number;
                            secure: boolean;
                            user?: string | null;
                        } | null;
                        /** @description A webhook endpoint of purpose 'notifications' of this company: the 'webhook' channel */
                        webhookEndpointId?: number | null;
                        wecomConnectorId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            dailyCap: number;
                            defaultChannel: "dingtalk" | "wecom" | "email" | "webhook";
                            digestAt: string;
                            dingtalkConnectorId: number | null;
                            enabled: boolean;
                            groupReminders: {
                                enabled: boolean;
                                groupId: number;
                                inBeforeMin: number;
                                outAfterMin: number;
                            }[];
                            kinds: ("anomaly" | "anomaly_team" | "digest" | "request_submitted" | "request_decided" | "request_waiting" | "remind_in" | "remind_out" | "device_offline" | "connector_failed" | "credentials_refused" | "clock_skew" | "gap_unfilled" | "budget_low" | "month_unclosed" | "webhook_disabled")[];
                            ops: {
                                clockSkewMin: number;
                                gapHours: number;
                                monthCloseDays: number;
                            };
                            quietHours: {
                                end: string;
                                start: string;
                            } | null;
                            remindInBeforeMin: number;
                            remindOutAfterMin: number;
                            requestReminderHours: number;
                            robotConnectorId: number | null;
                            smtp: {
                                from: string;
                                hasPassword: boolean;
                                host: string;
                                port: number;
                                secure: boolean;
                                user: string | null;
                            } | null;
                            webhookEndpointId: number | null;
                            wecomConnectorId: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payroll-adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Late changes to closed days (a punch, a 补卡, a leave change), carried into an open month's payroll: `month` = the month they are carried into, `closedMonth` = the closed month they change (admin, hr) */
        get: {
            parameters: {
                query: {
                    /** @description YYYY-MM */
                    closedMonth?: string;
                    companyId: number;
                    employeeId?: number;
                    /** @description YYYY-MM */
                    month?: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The result fields of the day (as in attendance_day.changed) */
                                after: {
                                    dayType: string;
                                    early: boolean;
                                    earlyMinutes: number;
                                    inTime: string | null;
                                    late: boolean;
                                    lateLevel: string;
                                    lateMinutes: number;
                                    leaveMinutes: number;
                                    leaveType: string | null;
                                    missingIn: boolean;
                                    missingOut: boolean;
                                    outTime: string | null;
                                    overtimeMinutes: number;
                                    reasons: {
                                        code: string;
                                        field: string;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                    }[];
                                    status: string;
                                    workedMinutes: number;
                                } | null;
                                /** @description The result fields of the day (as in attendance_day.changed) */
                                before: {
                                    dayType: string;
                                    early: boolean;
                                    earlyMinutes: number;
                                    inTime: string | null;
                                    late: boolean;
                                    lateLevel: string;
                                    lateMinutes: number;
                                    leaveMinutes: number;
                                    leaveType: string | null;
                                    missingIn: boolean;
                                    missingOut: boolean;
                                    outTime: string | null;
                                    overtimeMinutes: number;
                                    reasons: {
                                        code: string;
                                        field: string;
                                        params: {
                                            [key: string]: unknown;
                                        };
                                    }[];
                                    status: string;
                                    workedMinutes: number;
                                } | null;
                                /** @description The open month whose payroll carries it */
                                carriedIntoMonth: string;
                                closedMonth: string;
                                createdAtMs: number;
                                /** @description The closed day (leave: its first day in the closed month) */
                                date: string;
                                employeeId: number;
                                id: number;
                                jobNumber: string;
                                kind: "result" | "leave";
                                leaveType: string | null;
                                leaveUnitsAfter: number | null;
                                /** @description Units of the leave type booked for the closed month before the change */
                                leaveUnitsBefore: number | null;
                                name: string;
                                requestId: number | null;
                                source: "punch" | "correction" | "leave" | "request" | "recompute";
                                /** @description checkin:<id> or request:<id> */
                                sourceRef: string | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/anomalies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Late, early, missing-punch and absent days only */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    /** @description Only this department and the ones below it */
                    departmentId?: number;
                    /** @description xlsx | pdf | csv (default xlsx) */
                    format?: string;
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description Language of the rule explanations (规则说明): zh-CN (default) or en; without it, the Accept-Language header decides */
                    lang?: string;
                    /** @description YYYY-MM-DD, at most 93 days after from */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file (XLSX, PDF or CSV, as `format` asks), streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daily detail: one row per employee and date */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    /** @description Only this department and the ones below it */
                    departmentId?: number;
                    /** @description xlsx | pdf | csv (default xlsx) */
                    format?: string;
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description Language of the rule explanations (规则说明): zh-CN (default) or en; without it, the Accept-Language header decides */
                    lang?: string;
                    /** @description YYYY-MM-DD, at most 93 days after from */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file (XLSX, PDF or CSV, as `format` asks), streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/device-lag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per attendance machine: last upload, newest punch and how late its punches arrived (admin, hr) */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    /** @description Only this department and the ones below it */
                    departmentId?: number;
                    /** @description xlsx | pdf | csv (default xlsx) */
                    format?: string;
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description Language of the rule explanations (规则说明): zh-CN (default) or en; without it, the Accept-Language header decides */
                    lang?: string;
                    /** @description YYYY-MM-DD, at most 93 days after from */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file (XLSX, PDF or CSV, as `format` asks), streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Monthly attendance sheet (月度汇总) with one symbol per day */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    /** @description Only this department and the ones below it */
                    departmentId?: number;
                    /** @description xlsx | pdf | csv (default xlsx) */
                    format?: string;
                    /** @description YYYY-MM */
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file (XLSX, PDF or CSV, as `format` asks), streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/payroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Monthly figures in the columns of the company payroll mapping (admin, hr) */
        get: {
            parameters: {
                query: {
                    companyId: number;
                    /** @description Only this department and the ones below it */
                    departmentId?: number;
                    /** @description csv | xlsx (default xlsx) */
                    format?: string;
                    /** @description YYYY-MM */
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file (XLSX, PDF or CSV, as `format` asks), streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/payroll-mapping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The payroll column mapping of a company (the default until one is saved) */
        get: {
            parameters: {
                query: {
                    companyId: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                field: string;
                                header: string;
                            }[];
                            companyId: number;
                            /** @description Fields a column may use */
                            fields: string[];
                            isDefault: boolean;
                        };
                    };
                };
            };
        };
        /** Replace the payroll column mapping of a company */
        put: {
            parameters: {
                query: {
                    companyId: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        columns: {
                            field: string;
                            header: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                field: string;
                                header: string;
                            }[];
                            companyId: number;
                            /** @description Fields a column may use */
                            fields: string[];
                            isDefault: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    companyId?: number;
                    employeeId?: number;
                    kind?: "leave" | "overtime" | "correction";
                    /** @description only the caller's own requests */
                    mine?: boolean;
                    page?: number;
                    pageSize?: number;
                    /** @description pending requests the caller may decide */
                    pendingForMe?: boolean;
                    status?: "pending" | "approved" | "rejected" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                companyId: number;
                                correctionAtMs: number | null;
                                createdAtMs: number;
                                createdByUserId: number | null;
                                decidedAtMs: number | null;
                                decidedByUserId: number | null;
                                decisionNote: string | null;
                                employeeId: number;
                                externalId: string | null;
                                fromDate: string | null;
                                fromMs: number | null;
                                half: ("am" | "pm") | (never | null);
                                hours: number | null;
                                id: number;
                                kind: "leave" | "overtime" | "correction";
                                leaveType: string | null;
                                reason: string | null;
                                source: string;
                                status: "pending" | "approved" | "rejected" | "cancelled";
                                toDate: string | null;
                                toMs: number | null;
                                updatedAtMs: number;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the caller */
                        employeeId?: number;
                        from?: string;
                        /** Format: date */
                        fromDate?: string;
                        /** Format: epoch-ms */
                        fromMs?: number;
                        half?: ("am" | "pm") | (never | null);
                        /** @description more than 0 */
                        hours?: number;
                        kind: "leave" | "overtime" | "correction";
                        leaveType?: string;
                        reason?: string;
                        time?: string;
                        to?: string;
                        /** Format: date */
                        toDate?: string;
                        /** Format: epoch-ms */
                        toMs?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            correctionAtMs: number | null;
                            createdAtMs: number;
                            createdByUserId: number | null;
                            decidedAtMs: number | null;
                            decidedByUserId: number | null;
                            decisionNote: string | null;
                            employeeId: number;
                            externalId: string | null;
                            fromDate: string | null;
                            fromMs: number | null;
                            half: ("am" | "pm") | (never | null);
                            hours: number | null;
                            id: number;
                            kind: "leave" | "overtime" | "correction";
                            leaveType: string | null;
                            reason: string | null;
                            source: string;
                            status: "pending" | "approved" | "rejected" | "cancelled";
                            toDate: string | null;
                            toMs: number | null;
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            correctionAtMs: number | null;
                            createdAtMs: number;
                            createdByUserId: number | null;
                            decidedAtMs: number | null;
                            decidedByUserId: number | null;
                            decisionNote: string | null;
                            employeeId: number;
                            externalId: string | null;
                            fromDate: string | null;
                            fromMs: number | null;
                            half: ("am" | "pm") | (never | null);
                            hours: number | null;
                            id: number;
                            kind: "leave" | "overtime" | "correction";
                            leaveType: string | null;
                            reason: string | null;
                            source: string;
                            status: "pending" | "approved" | "rejected" | "cancelled";
                            toDate: string | null;
                            toMs: number | null;
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            correctionAtMs: number | null;
                            createdAtMs: number;
                            createdByUserId: number | null;
                            decidedAtMs: number | null;
                            decidedByUserId: number | null;
                            decisionNote: string | null;
                            employeeId: number;
                            externalId: string | null;
                            fromDate: string | null;
                            fromMs: number | null;
                            half: ("am" | "pm") | (never | null);
                            hours: number | null;
                            id: number;
                            kind: "leave" | "overtime" | "correction";
                            leaveType: string | null;
                            reason: string | null;
                            source: string;
                            status: "pending" | "approved" | "rejected" | "cancelled";
                            toDate: string | null;
                            toMs: number | null;
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Withdraws a pending request (the requester), or cancels an approved one: the requester before its first day, HR, an admin or the manager any time (REQUEST_ALREADY_STARTED otherwise). Approved leave gives its time back to the balance and its days are recomputed; emits request.cancelled */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            correctionAtMs: number | null;
                            createdAtMs: number;
                            createdByUserId: number | null;
                            decidedAtMs: number | null;
                            decidedByUserId: number | null;
                            decisionNote: string | null;
                            employeeId: number;
                            externalId: string | null;
                            fromDate: string | null;
                            fromMs: number | null;
                            half: ("am" | "pm") | (never | null);
                            hours: number | null;
                            id: number;
                            kind: "leave" | "overtime" | "correction";
                            leaveType: string | null;
                            reason: string | null;
                            source: string;
                            status: "pending" | "approved" | "rejected" | "cancelled";
                            toDate: string | null;
                            toMs: number | null;
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            correctionAtMs: number | null;
                            createdAtMs: number;
                            createdByUserId: number | null;
                            decidedAtMs: number | null;
                            decidedByUserId: number | null;
                            decisionNote: string | null;
                            employeeId: number;
                            externalId: string | null;
                            fromDate: string | null;
                            fromMs: number | null;
                            half: ("am" | "pm") | (never | null);
                            hours: number | null;
                            id: number;
                            kind: "leave" | "overtime" | "correction";
                            leaveType: string | null;
                            reason: string | null;
                            source: string;
                            status: "pending" | "approved" | "rejected" | "cancelled";
                            toDate: string | null;
                            toMs: number | null;
                            updatedAtMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rosters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    companyId: number;
                    departmentId?: number;
                    from: string;
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            dates: string[];
                            rows: {
                                cells: ({
                                    groupId: number;
                                    shiftTypeId: number | null;
                                    source: "entry" | "cycle" | "none";
                                } | null)[];
                                departmentId: number | null;
                                employeeId: number;
                                jobNumber: string;
                                name: string;
                            }[];
                            shiftTypes: {
                                code: string;
                                color: string | null;
                                id: number;
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        entries: {
                            /** Format: date */
                            date: string;
                            employeeId: number;
                            /** @description null = rest day */
                            shiftTypeId: number | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            employees: number;
                            fromDate: string;
                            saved: number;
                            toDate: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shift-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    active?: boolean;
                    companyId: number;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                absentBelowMin: number;
                                absenteeismLateMin: number;
                                active: boolean;
                                break: {
                                    /** @description wall time HH:mm */
                                    end: string;
                                    /** @description wall time HH:mm */
                                    start: string;
                                } | null;
                                checkInEarliestMin: number;
                                checkOutLatestMin: number;
                                code: string;
                                color: string | null;
                                companyId: number;
                                crossesMidnight: boolean;
                                /** @description wall time HH:mm */
                                end: string;
                                flex: {
                                    earlyMaxMin: number;
                                    lateMaxMin: number;
                                } | null;
                                graceEarlyMin: number;
                                graceLateMin: number;
                                halfDayBelowMin: number;
                                id: number;
                                name: string;
                                seriousLateMin: number;
                                /** @description wall time HH:mm */
                                start: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        absentBelowMin?: number;
                        absenteeismLateMin?: number;
                        break?: {
                            /** @description wall time HH:mm */
                            end: string;
                            /** @description wall time HH:mm */
                            start: string;
                        } | null;
                        checkInEarliestMin?: number;
                        checkOutLatestMin?: number;
                        code: string;
                        color?: string | null;
                        companyId: number;
                        crossesMidnight?: boolean;
                        /** @description wall time HH:mm */
                        end: string;
                        flex?: {
                            earlyMaxMin: number;
                            lateMaxMin: number;
                        } | null;
                        graceEarlyMin?: number;
                        graceLateMin?: number;
                        halfDayBelowMin?: number;
                        name: string;
                        seriousLateMin?: number;
                        /** @description wall time HH:mm */
                        start: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            absentBelowMin: number;
                            absenteeismLateMin: number;
                            active: boolean;
                            break: {
                                /** @description wall time HH:mm */
                                end: string;
                                /** @description wall time HH:mm */
                                start: string;
                            } | null;
                            checkInEarliestMin: number;
                            checkOutLatestMin: number;
                            code: string;
                            color: string | null;
                            companyId: number;
                            crossesMidnight: boolean;
                            /** @description wall time HH:mm */
                            end: string;
                            flex: {
                                earlyMaxMin: number;
                                lateMaxMin: number;
                            } | null;
                            graceEarlyMin: number;
                            graceLateMin: number;
                            halfDayBelowMin: number;
                            id: number;
                            name: string;
                            seriousLateMin: number;
                            /** @description wall time HH:mm */
                            start: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shift-types/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            absentBelowMin: number;
                            absenteeismLateMin: number;
                            active: boolean;
                            break: {
                                /** @description wall time HH:mm */
                                end: string;
                                /** @description wall time HH:mm */
                                start: string;
                            } | null;
                            checkInEarliestMin: number;
                            checkOutLatestMin: number;
                            code: string;
                            color: string | null;
                            companyId: number;
                            crossesMidnight: boolean;
                            /** @description wall time HH:mm */
                            end: string;
                            flex: {
                                earlyMaxMin: number;
                                lateMaxMin: number;
                            } | null;
                            graceEarlyMin: number;
                            graceLateMin: number;
                            halfDayBelowMin: number;
                            id: number;
                            name: string;
                            seriousLateMin: number;
                            /** @description wall time HH:mm */
                            start: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        absentBelowMin?: number;
                        absenteeismLateMin?: number;
                        active?: boolean;
                        break?: {
                            /** @description wall time HH:mm */
                            end: string;
                            /** @description wall time HH:mm */
                            start: string;
                        } | null;
                        checkInEarliestMin?: number;
                        checkOutLatestMin?: number;
                        code?: string;
                        color?: string | null;
                        crossesMidnight?: boolean;
                        /** @description wall time HH:mm */
                        end?: string;
                        flex?: {
                            earlyMaxMin: number;
                            lateMaxMin: number;
                        } | null;
                        graceEarlyMin?: number;
                        graceLateMin?: number;
                        halfDayBelowMin?: number;
                        name?: string;
                        seriousLateMin?: number;
                        /** @description wall time HH:mm */
                        start?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            absentBelowMin: number;
                            absenteeismLateMin: number;
                            active: boolean;
                            break: {
                                /** @description wall time HH:mm */
                                end: string;
                                /** @description wall time HH:mm */
                                start: string;
                            } | null;
                            checkInEarliestMin: number;
                            checkOutLatestMin: number;
                            code: string;
                            color: string | null;
                            companyId: number;
                            crossesMidnight: boolean;
                            /** @description wall time HH:mm */
                            end: string;
                            flex: {
                                earlyMaxMin: number;
                                lateMaxMin: number;
                            } | null;
                            graceEarlyMin: number;
                            graceLateMin: number;
                            halfDayBelowMin: number;
                            id: number;
                            name: string;
                            seriousLateMin: number;
                            /** @description wall time HH:mm */
                            start: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    active?: boolean;
                    companyId?: number;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                address: string | null;
                                companyId: number;
                                geofence: {
                                    lat: number;
                                    lng: number;
                                    radiusM: number;
                                } | null;
                                id: number;
                                name: string;
                                timeZone: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string | null;
                        companyId: number;
                        geofence?: {
                            lat: number;
                            lng: number;
                            radiusM: number;
                        } | null;
                        name: string;
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            address: string | null;
                            companyId: number;
                            geofence: {
                                lat: number;
                                lng: number;
                                radiusM: number;
                            } | null;
                            id: number;
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sites/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            address: string | null;
                            companyId: number;
                            geofence: {
                                lat: number;
                                lng: number;
                                radiusM: number;
                            } | null;
                            id: number;
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string | null;
                        geofence?: {
                            lat: number;
                            lng: number;
                            radiusM: number;
                        } | null;
                        name?: string;
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            address: string | null;
                            companyId: number;
                            geofence: {
                                lat: number;
                                lng: number;
                                radiusM: number;
                            } | null;
                            id: number;
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/sites/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            address: string | null;
                            companyId: number;
                            geofence: {
                                lat: number;
                                lng: number;
                                radiusM: number;
                            } | null;
                            id: number;
                            name: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAtMs: number;
                                expiresAtMs: number | null;
                                id: number;
                                lastUsedAtMs: number | null;
                                name: string;
                                revokedAtMs: number | null;
                                scopes: ("read" | "write" | "checkins:write" | "admin")[];
                                userId: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expiresAtMs?: number | null;
                        name: string;
                        scopes: ("read" | "write" | "checkins:write" | "admin")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            secret: string;
                            token: {
                                createdAtMs: number;
                                expiresAtMs: number | null;
                                id: number;
                                lastUsedAtMs: number | null;
                                name: string;
                                revokedAtMs: number | null;
                                scopes: ("read" | "write" | "checkins:write" | "admin")[];
                                userId: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    companyId?: number;
                    page?: number;
                    pageSize?: number;
                    q?: string;
                    role?: "admin" | "hr" | "manager" | "employee";
                    status?: "active" | "disabled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                companyIds: number[];
                                createdAtMs: number;
                                displayName: string;
                                employeeId: number | null;
                                id: number;
                                lastLoginAtMs: number | null;
                                locale: string | null;
                                mustChangePassword: boolean;
                                role: "admin" | "hr" | "manager" | "employee";
                                status: "active" | "disabled";
                                username: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyIds?: number[];
                        displayName: string;
                        employeeId?: number | null;
                        locale?: string | null;
                        password: string;
                        role: "admin" | "hr" | "manager" | "employee";
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyIds: number[];
                            createdAtMs: number;
                            displayName: string;
                            employeeId: number | null;
                            id: number;
                            lastLoginAtMs: number | null;
                            locale: string | null;
                            mustChangePassword: boolean;
                            role: "admin" | "hr" | "manager" | "employee";
                            status: "active" | "disabled";
                            username: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyIds: number[];
                            createdAtMs: number;
                            displayName: string;
                            employeeId: number | null;
                            id: number;
                            lastLoginAtMs: number | null;
                            locale: string | null;
                            mustChangePassword: boolean;
                            role: "admin" | "hr" | "manager" | "employee";
                            status: "active" | "disabled";
                            username: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyIds?: number[];
                        displayName?: string;
                        employeeId?: number | null;
                        locale?: string | null;
                        role?: "admin" | "hr" | "manager" | "employee";
                        status?: "active" | "disabled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyIds: number[];
                            createdAtMs: number;
                            displayName: string;
                            employeeId: number | null;
                            id: number;
                            lastLoginAtMs: number | null;
                            locale: string | null;
                            mustChangePassword: boolean;
                            role: "admin" | "hr" | "manager" | "employee";
                            status: "active" | "disabled";
                            username: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyIds: number[];
                            createdAtMs: number;
                            displayName: string;
                            employeeId: number | null;
                            id: number;
                            lastLoginAtMs: number | null;
                            locale: string | null;
                            mustChangePassword: boolean;
                            role: "admin" | "hr" | "manager" | "employee";
                            status: "active" | "disabled";
                            username: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    companyId?: number;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                companyId: number;
                                createdAt: string;
                                description: string | null;
                                disabledAt: string | null;
                                disabledReason: string | null;
                                enabled: boolean;
                                eventTypes: string[];
                                folder: string | null;
                                id: number;
                                origin: "api" | "rest_hook";
                                previousSecretValidUntil: string | null;
                                purpose: "events" | "payroll" | "notifications";
                                target: "https" | "folder";
                                url: string | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyId: number;
                        description?: string | null;
                        eventTypes: ("checkin.created" | "checkin.unmatched" | "attendance_day.changed" | "request.submitted" | "request.approved" | "request.rejected" | "request.cancelled" | "employee.created" | "employee.updated" | "employee.left" | "device.offline" | "device.online" | "connector.run_failed" | "month.closed" | "payroll.adjustment_recorded" | "webhook.disabled")[];
                        /** @description A folder relative to the operator's DAKA_PAYROLL_DROP_DIR, e.g. "acme/payroll" */
                        folder?: string;
                        /** @description 'payroll': receives the payroll export (CSV, the company's column mapping) of each closed month, POSTed to url or written into folder; eventTypes is then ['month.closed']. 'notifications': the signed-webhook channel of notifications (chosen in the notification rules); it receives messages, no events */
                        purpose?: "events" | "payroll" | "notifications";
                        /** @description https://… (plain http only for hosts the operator allows in DAKA_CONNECTOR_BASE_URLS) */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            createdAt: string;
                            description: string | null;
                            disabledAt: string | null;
                            disabledReason: string | null;
                            enabled: boolean;
                            eventTypes: string[];
                            folder: string | null;
                            id: number;
                            origin: "api" | "rest_hook";
                            previousSecretValidUntil: string | null;
                            purpose: "events" | "payroll" | "notifications";
                            /** @description whsec_… signing secret. Shown once: only here, never again. */
                            secret: string;
                            target: "https" | "folder";
                            url: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            createdAt: string;
                            description: string | null;
                            disabledAt: string | null;
                            disabledReason: string | null;
                            enabled: boolean;
                            eventTypes: string[];
                            folder: string | null;
                            id: number;
                            origin: "api" | "rest_hook";
                            previousSecretValidUntil: string | null;
                            purpose: "events" | "payroll" | "notifications";
                            target: "https" | "folder";
                            url: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        enabled?: boolean;
                        eventTypes?: ("checkin.created" | "checkin.unmatched" | "attendance_day.changed" | "request.submitted" | "request.approved" | "request.rejected" | "request.cancelled" | "employee.created" | "employee.updated" | "employee.left" | "device.offline" | "device.online" | "connector.run_failed" | "month.closed" | "payroll.adjustment_recorded" | "webhook.disabled")[];
                        /** @description A folder relative to the operator's DAKA_PAYROLL_DROP_DIR, e.g. "acme/payroll" */
                        folder?: string;
                        /** @description https://… (plain http only for hosts the operator allows in DAKA_CONNECTOR_BASE_URLS) */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            createdAt: string;
                            description: string | null;
                            disabledAt: string | null;
                            disabledReason: string | null;
                            enabled: boolean;
                            eventTypes: string[];
                            folder: string | null;
                            id: number;
                            origin: "api" | "rest_hook";
                            previousSecretValidUntil: string | null;
                            purpose: "events" | "payroll" | "notifications";
                            target: "https" | "folder";
                            url: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    beforeId?: number;
                    limit?: number;
                    status?: "pending" | "delivered" | "dead" | "cancelled";
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                createdAt: string;
                                eventId: string | null;
                                eventType: string;
                                fileName: string | null;
                                finishedAt: string | null;
                                id: number;
                                lastError: string | null;
                                lastResponseStatus: number | null;
                                log: {
                                    attempt: number;
                                    durationMs: number;
                                    error: string | null;
                                    outcome: string;
                                    responseStatus: number | null;
                                    startedAt: string;
                                }[];
                                nextAttemptAt: string | null;
                                status: string;
                            }[];
                            nextBeforeId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: number;
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            createdAt: string;
                            eventId: string | null;
                            eventType: string;
                            fileName: string | null;
                            finishedAt: string | null;
                            id: number;
                            lastError: string | null;
                            lastResponseStatus: number | null;
                            log: {
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                outcome: string;
                                responseStatus: number | null;
                                startedAt: string;
                            }[];
                            nextAttemptAt: string | null;
                            status: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description How long the old secret keeps signing too
                         * @default 24
                         */
                        overlapHours?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyId: number;
                            createdAt: string;
                            description: string | null;
                            disabledAt: string | null;
                            disabledReason: string | null;
                            enabled: boolean;
                            eventTypes: string[];
                            folder: string | null;
                            id: number;
                            origin: "api" | "rest_hook";
                            previousSecretValidUntil: string | null;
                            purpose: "events" | "payroll" | "notifications";
                            /** @description whsec_… signing secret. Shown once: only here, never again. */
                            secret: string;
                            target: "https" | "folder";
                            url: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/feeds/calendar/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    file: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/calendar */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The process is alive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                            version: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Prometheus metrics in the text exposition format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The database answers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            database: string;
                            status: string;
                        };
                    };
                };
                /** @description The database does not answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            database: string;
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** attendance_day.changed */
        WebhookEvent_attendance_day_changed: {
            companyId: number;
            data: {
                after: {
                    dayType: string;
                    early: boolean;
                    earlyMinutes: number;
                    inTime: string | null;
                    late: boolean;
                    lateLevel: string;
                    lateMinutes: number;
                    leaveMinutes: number;
                    leaveType: string | null;
                    missingIn: boolean;
                    missingOut: boolean;
                    outTime: string | null;
                    overtimeMinutes: number;
                    reasons: {
                        code: string;
                        field: string;
                        params: {
                            [key: string]: unknown;
                        };
                    }[];
                    status: string;
                    workedMinutes: number;
                };
                before: {
                    dayType: string;
                    early: boolean;
                    earlyMinutes: number;
                    inTime: string | null;
                    late: boolean;
                    lateLevel: string;
                    lateMinutes: number;
                    leaveMinutes: number;
                    leaveType: string | null;
                    missingIn: boolean;
                    missingOut: boolean;
                    outTime: string | null;
                    overtimeMinutes: number;
                    reasons: {
                        code: string;
                        field: string;
                        params: {
                            [key: string]: unknown;
                        };
                    }[];
                    status: string;
                    workedMinutes: number;
                } | null;
                date: string;
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                name: string;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "attendance_day.changed";
        };
        /** checkin.created */
        WebhookEvent_checkin_created: {
            companyId: number;
            data: {
                checkinId: number;
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                localDate: string;
                method: string | null;
                name: string;
                punchedAt: string;
                source: string;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "checkin.created";
        };
        /** checkin.unmatched */
        WebhookEvent_checkin_unmatched: {
            companyId: number;
            data: {
                checkinId: number | null;
                externalUserId: string;
                punchedAt: string;
                source: string;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "checkin.unmatched";
        };
        /** connector.run_failed */
        WebhookEvent_connector_run_failed: {
            companyId: number;
            data: {
                connectorId: number;
                error: string;
                failedAt: string;
                job: string;
                platform: string;
                runId: number | null;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "connector.run_failed";
        };
        /** device.offline */
        WebhookEvent_device_offline: {
            companyId: number;
            data: {
                deviceId: number;
                lastSeenAt: string | null;
                name: string | null;
                serial: string;
                siteId: number | null;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "device.offline";
        };
        /** device.online */
        WebhookEvent_device_online: {
            companyId: number;
            data: {
                deviceId: number;
                lastSeenAt: string | null;
                name: string | null;
                serial: string;
                siteId: number | null;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "device.online";
        };
        /** employee.created */
        WebhookEvent_employee_created: {
            companyId: number;
            data: {
                departmentId: number | null;
                email: string | null;
                employeeId: number;
                employeeNo: string;
                joinedOn: string | null;
                managerEmployeeId: number | null;
                name: string;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "employee.created";
        };
        /** employee.left */
        WebhookEvent_employee_left: {
            companyId: number;
            data: {
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                leftOn: string | null;
                name: string;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "employee.left";
        };
        /** employee.updated */
        WebhookEvent_employee_updated: {
            companyId: number;
            data: {
                changed: string[];
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                name: string;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "employee.updated";
        };
        /** month.closed */
        WebhookEvent_month_closed: {
            companyId: number;
            data: {
                closedAt: string;
                closedByUserId: number | null;
                closeId: number;
                departmentId: number | null;
                employeeCount: number;
                month: string;
                scope: "company" | "department" | "all";
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "month.closed";
        };
        /** payroll.adjustment_recorded */
        WebhookEvent_payroll_adjustment_recorded: {
            companyId: number;
            data: {
                adjustmentId: number;
                after: {
                    dayType: string;
                    early: boolean;
                    earlyMinutes: number;
                    inTime: string | null;
                    late: boolean;
                    lateLevel: string;
                    lateMinutes: number;
                    leaveMinutes: number;
                    leaveType: string | null;
                    missingIn: boolean;
                    missingOut: boolean;
                    outTime: string | null;
                    overtimeMinutes: number;
                    reasons: {
                        code: string;
                        field: string;
                        params: {
                            [key: string]: unknown;
                        };
                    }[];
                    status: string;
                    workedMinutes: number;
                } | null;
                before: {
                    dayType: string;
                    early: boolean;
                    earlyMinutes: number;
                    inTime: string | null;
                    late: boolean;
                    lateLevel: string;
                    lateMinutes: number;
                    leaveMinutes: number;
                    leaveType: string | null;
                    missingIn: boolean;
                    missingOut: boolean;
                    outTime: string | null;
                    overtimeMinutes: number;
                    reasons: {
                        code: string;
                        field: string;
                        params: {
                            [key: string]: unknown;
                        };
                    }[];
                    status: string;
                    workedMinutes: number;
                } | null;
                carriedIntoMonth: string;
                closedMonth: string;
                date: string;
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                kind: "result" | "leave";
                leaveType: string | null;
                leaveUnitsAfter: number | null;
                leaveUnitsBefore: number | null;
                name: string;
                requestId: number | null;
                source: string;
                sourceRef: string | null;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "payroll.adjustment_recorded";
        };
        /** request.approved */
        WebhookEvent_request_approved: {
            companyId: number;
            data: {
                actorUserId: number | null;
                approverEmployeeIds: number[];
                comment: string | null;
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                from: string | null;
                kind: string;
                name: string;
                requestId: number;
                status: string;
                to: string | null;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "request.approved";
        };
        /** request.cancelled */
        WebhookEvent_request_cancelled: {
            companyId: number;
            data: {
                actorUserId: number | null;
                approverEmployeeIds: number[];
                comment: string | null;
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                from: string | null;
                kind: string;
                name: string;
                requestId: number;
                status: string;
                to: string | null;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "request.cancelled";
        };
        /** request.rejected */
        WebhookEvent_request_rejected: {
            companyId: number;
            data: {
                actorUserId: number | null;
                approverEmployeeIds: number[];
                comment: string | null;
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                from: string | null;
                kind: string;
                name: string;
                requestId: number;
                status: string;
                to: string | null;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "request.rejected";
        };
        /** request.submitted */
        WebhookEvent_request_submitted: {
            companyId: number;
            data: {
                actorUserId: number | null;
                approverEmployeeIds: number[];
                comment: string | null;
                departmentId: number | null;
                employeeId: number;
                employeeNo: string;
                from: string | null;
                kind: string;
                name: string;
                requestId: number;
                status: string;
                to: string | null;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "request.submitted";
        };
        /** webhook.disabled */
        WebhookEvent_webhook_disabled: {
            companyId: number;
            data: {
                disabledAt: string;
                endpointId: number;
                purpose: string;
                reason: string;
                url: string;
            };
            /** @description Stable event id (also the webhook-id header): deduplicate on it */
            id: string;
            /** @description When it happened, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "webhook.disabled";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
