// The interview study: coded texts counted by segment, codes together, quotes, agreement, immobile-layer reasons.
export {};
