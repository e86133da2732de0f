-- Reasons stored before the survey had its own column were free text, the survey's label in front: "[Label] words".
-- The labels that name one of today's codes become that code with the words alone; everything else is 'other' and
-- keeps its text exactly as it was, so nothing a customer wrote is lost.
UPDATE `services` SET `cancellation_reason_code` = 'too_expensive', `cancellation_reason` = SUBSTRING(`cancellation_reason`, CHAR_LENGTH('[Too expensive] ') + 1) WHERE `cancellation_reason_code` IS NULL AND `cancellation_reason` LIKE '[Too expensive] %';--> statement-breakpoint
UPDATE `services` SET `cancellation_reason_code` = 'switching_provider', `cancellation_reason` = SUBSTRING(`cancellation_reason`, CHAR_LENGTH('[Moving to another provider] ') + 1) WHERE `cancellation_reason_code` IS NULL AND `cancellation_reason` LIKE '[Moving to another provider] %';--> statement-breakpoint
UPDATE `services` SET `cancellation_reason_code` = 'not_needed', `cancellation_reason` = SUBSTRING(`cancellation_reason`, CHAR_LENGTH('[No longer needed] ') + 1) WHERE `cancellation_reason_code` IS NULL AND `cancellation_reason` LIKE '[No longer needed] %';--> statement-breakpoint
UPDATE `services` SET `cancellation_reason_code` = 'other', `cancellation_reason` = SUBSTRING(`cancellation_reason`, CHAR_LENGTH('[Other] ') + 1) WHERE `cancellation_reason_code` IS NULL AND `cancellation_reason` LIKE '[Other] %';--> statement-breakpoint
UPDATE `services` SET `cancellation_reason_code` = 'other' WHERE `cancellation_reason_code` IS NULL AND `cancellation_reason` IS NOT NULL;
